/**
 * Identifier splitting for full-text search: `parseConfigFile` and `parse_config_file`
 * both become `parse config file`, and the whole identifier is kept as one lower-case term
 * so that an exact-name query still matches strongly.
 */
import { stem } from 'porter2';
import { boundedMemo } from './memo';

const IDENT = /[A-Za-z_$][A-Za-z0-9_$]*/g;
const MAX_TERM = 40; // LanceDB's tokenizer drops longer tokens

export function splitIdentifier(ident: string): string[] {
  const parts = ident
    .replace(/[_$]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])([0-9]+)/g, '$1 $2')
    .toLowerCase()
    .split(/\s+/)
    .filter((p) => p.length > 0);
  return parts;
}

/** Terms of a piece of text: split parts of every identifier, plus the joined identifier when it had parts. */
export function termsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(IDENT)) {
    const ident = m[0];
    const parts = splitIdentifier(ident);
    for (const p of parts) if (p.length <= MAX_TERM) out.push(p);
    if (parts.length > 1) {
      const joined = parts.join('');
      if (joined.length <= MAX_TERM) out.push(joined);
    }
  }
  return out;
}

/**
 * A term as the full-text indexes hold it: Porter2 (Snowball English) stem of the lower-case term.
 * We stem rather than LanceDB: its stemmer ran on every token of every row, 55 % of a full-text
 * index build (files.terms 3.4 → 1.5 CPU-s without it), where ours runs once per distinct
 * identifier (`TermCache`). Queries are stemmed the same way (`searchText`) before they are sent.
 */
export function indexTerm(term: string): string {
  return stem(term);
}

/** Terms joined for a full-text query on a `terms` or `head` column: each one stemmed as indexed. */
export function searchText(terms: readonly string[]): string {
  return terms.map(indexTerm).join(' ');
}

/** The `terms` column: identifier-split text, each term stemmed (`indexTerm`), space separated. */
export function termsText(text: string): string {
  return searchText(termsOf(text));
}

/** Distinct identifiers a TermCache remembers before it starts over. */
const CACHE_LIMIT = 200_000;

/**
 * `termsText` for bulk indexing: each distinct identifier is split once. Source code repeats its
 * identifiers so often that splitting every occurrence was most of the indexer's CPU time.
 * Same output as `termsText`.
 */
export class TermCache {
  /** Each distinct identifier's terms (splitting and stemming it once). */
  private readonly expand = boundedMemo(termsText, CACHE_LIMIT);

  private readonly ident = new RegExp(IDENT.source, 'g');

  termsText(text: string): string {
    const out: string[] = [];
    const ident = this.ident;
    ident.lastIndex = 0;
    for (let m = ident.exec(text); m !== null; m = ident.exec(text)) {
      const terms = this.expand(m[0]);
      if (terms) out.push(terms);
    }
    return out.join(' ');
  }

  /**
   * `termsText` of each line. Identifiers never span a line break, so the terms of lines a..b are
   * these joined (`joinTerms`): one scan of a file serves the file and every chunk cut at lines.
   */
  lineTerms(lines: readonly string[]): string[] {
    return lines.map((line) => this.termsText(line));
  }
}

/** Per-line terms (from `TermCache.lineTerms`) of 0-based lines from..to-1, as one `terms` text. */
export function joinTerms(lineTerms: readonly string[], from = 0, to = lineTerms.length): string {
  const out: string[] = [];
  for (let i = from; i < to; i++) {
    const t = lineTerms[i] as string;
    if (t) out.push(t);
  }
  return out.join(' ');
}

const STOP = new Set(
  ('a an the and or but not no of to in on at by for with from into onto is are was were be been being do does did ' +
   'have has had it its this that these those there here where when what which who whom why how can could should ' +
   'would will shall may might must i we you he she they me us him her them my our your their if then else than so ' +
   'as also just only very too any all some each every such get set use used using via per').split(' '),
);

export function isStopWord(term: string): boolean {
  return STOP.has(term);
}

/** A light English stemmer (plural, -ing, -ed, -er, -ly), enough to match `files` with `file`. */
export function lightStem(term: string): string {
  if (term.length <= 3) return term;
  for (const [suffix, keep] of [['ies', 'y'], ['sses', 'ss'], ['ing', ''], ['ed', ''], ['es', ''], ['s', ''], ['er', ''], ['ly', '']] as const) {
    if (term.endsWith(suffix) && term.length - suffix.length >= 3) return term.slice(0, -suffix.length) + keep;
  }
  return term;
}
