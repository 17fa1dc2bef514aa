/**
 * Packs ranked chunks into a token budget, best first. A chunk inside one already packed is
 * dropped; one overlapping or touching a packed chunk of the same file is merged into it.
 */
import type { RetrievedChunk } from './types';

/** ~4 characters per token: close enough for budgeting, never sent to a tokenizer. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function mergeChunks(a: RetrievedChunk, b: RetrievedChunk): RetrievedChunk {
  const [first, second] = a.startLine <= b.startLine ? [a, b] : [b, a];
  const firstLines = first.text.split('\n');
  const secondLines = second.text.split('\n');
  const tailFrom = first.endLine - second.startLine + 1; // lines of `second` already in `first`
  const tail = tailFrom >= 0 ? secondLines.slice(tailFrom) : secondLines;
  const endLine = Math.max(first.endLine, second.endLine);
  return {
    ...a,
    startLine: first.startLine,
    endLine,
    text: (second.endLine <= first.endLine ? firstLines : [...firstLines, ...tail]).join('\n'),
    symbol: a.symbol === b.symbol ? a.symbol : [a.symbol, b.symbol].filter(Boolean).join(', '),
    score: Math.max(a.score, b.score),
    reasons: [...new Set([...a.reasons, ...b.reasons])],
  };
}

/** True when a chunk's text is exactly its file lines (class skeletons are not: bodies are collapsed). */
function verbatim(c: RetrievedChunk): boolean {
  let lines = 1;
  for (let i = 0; i < c.text.length; i++) if (c.text.charCodeAt(i) === 10) lines++;
  return lines === c.endLine - c.startLine + 1;
}

export function packChunks(ranked: readonly RetrievedChunk[], budgetTokens: number): RetrievedChunk[] {
  const packed: RetrievedChunk[] = [];
  // Whether each packed chunk is verbatim (a merge of verbatim chunks is verbatim too).
  const packedVerbatim: boolean[] = [];
  let used = 0;
  for (const chunk of ranked) {
    const i = !verbatim(chunk)
      ? -1
      : packed.findIndex(
          (p, j) => p.path === chunk.path && chunk.startLine <= p.endLine + 1 && chunk.endLine >= p.startLine - 1 && packedVerbatim[j],
        );
    if (i >= 0) {
      const current = packed[i]!;
      if (chunk.startLine >= current.startLine && chunk.endLine <= current.endLine) continue;
      const merged = mergeChunks(current, chunk);
      const extra = estimateTokens(merged.text) - estimateTokens(current.text);
      if (used + extra > budgetTokens) continue;
      packed[i] = merged;
      used += extra;
      continue;
    }
    const cost = estimateTokens(chunk.text);
    if (used + cost > budgetTokens) continue;
    packed.push(chunk);
    packedVerbatim.push(verbatim(chunk));
    used += cost;
  }
  return packed;
}
