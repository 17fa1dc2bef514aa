/**
 * Literal evidence: a message the query quotes, found in a chunk's text in the same words. An
 * issue often pastes an error ("Failed to resolve import … Does the file exist?"); the chunk that
 * raises it holds the same words in sequence, though term statistics rank it no higher than any
 * chunk using the words apart. Only message-like parts of the query count — lines that name an
 * error, exception or warning, and quoted text — since plain prose (a commit subject, a docstring)
 * shares stock phrases with every comment and docstring that talks about the same thing. They are
 * cut into 3-word shingles (runs of words not broken by punctuation, each with two or more words
 * that are not stop words); a chunk scores the number of distinct shingles its text contains.
 */
import { isStopWord } from '../terms';

const WORD_RUN = /[A-Za-z][A-Za-z']*(?:[ \t]+[A-Za-z][A-Za-z']*)+/g;
const SHINGLE = 3;
/** At most this many shingles are looked for (a pasted log can be long). */
const MAX_SHINGLES = 64;

const MESSAGE_LINE = /\b\w*(?:Error|Exception|Warning)\b|^\s*(?:error|warning|fatal|panic)\b|\b(?:failed|panicked)\b/im;
const QUOTED = /"([^"\n]{8,})"|'([^'\n]{8,})'|`([^`\n]{8,})`/g;

/**
 * The message-like parts of a query: lines naming an error, exception or warning, the line after
 * one that ends in `:` (Rust's `thread 'main' panicked at src/main.rs:12:10:` puts the message on
 * the next line), and quoted text.
 */
export function messageParts(text: string): string[] {
  const lines = text.split('\n');
  const out = lines.filter((line, i) => MESSAGE_LINE.test(line) || (i > 0 && MESSAGE_LINE.test(lines[i - 1] as string) && /:\s*$/.test(lines[i - 1] as string)));
  for (const m of text.matchAll(QUOTED)) out.push((m[1] ?? m[2] ?? m[3]) as string);
  return out;
}

/** Distinct lower-case 3-word shingles of the query's message parts that carry two content words. */
export function queryShingles(query: string): string[] {
  const out = new Set<string>();
  for (const run of messageParts(query).join('\n').matchAll(WORD_RUN)) {
    const words = run[0].toLowerCase().split(/[ \t]+/);
    for (let i = 0; i + SHINGLE <= words.length; i++) {
      const shingle = words.slice(i, i + SHINGLE);
      if (shingle.filter((w) => w.length > 1 && !isStopWord(w)).length >= 2) out.add(shingle.join(' '));
      if (out.size >= MAX_SHINGLES) return [...out];
    }
  }
  return [...out];
}

/**
 * The chunks whose text holds at least one shingle, most distinct shingles first (stable otherwise),
 * each once (the first of an id).
 */
export function literalMatches<T extends { id: string; text: string }>(chunks: readonly T[], shingles: readonly string[]): T[] {
  if (shingles.length === 0) return [];
  const scored: Array<{ chunk: T; hits: number; order: number }> = [];
  const seen = new Set<string>();
  chunks.forEach((chunk, order) => {
    if (seen.has(chunk.id)) return;
    seen.add(chunk.id);
    const text = chunk.text.toLowerCase().replace(/\s+/g, ' ');
    const hits = shingles.reduce((n, s) => n + (text.includes(s) ? 1 : 0), 0);
    if (hits > 0) scored.push({ chunk, hits, order });
  });
  return scored.sort((a, b) => b.hits - a.hits || a.order - b.order).map((s) => s.chunk);
}
