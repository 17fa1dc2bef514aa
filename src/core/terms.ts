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

/**
 * Stems left out of the full-text columns and queries: the English stop words LanceDB's
 * `removeStopWords` drops (Lucene's list, read back from LanceDB 0.31), matched after stemming as
 * its filter did. Dropped here, with the terms already lower-case ASCII and stemmed, the index
 * tokenizer only splits at spaces: ~0.8 CPU-s less per cold index of the 78 MB bench corpus.
 */
const INDEX_STOP_WORDS = new Set(
  ('a an and are as at be but by for if in into is it no not of on or such that the their then there ' +
   'these they this to was will with').split(' '),
);

/** Terms joined for a full-text query on a `terms` or `head` column: each one stemmed as indexed, stop words left out. */
export function searchText(terms: readonly string[]): string {
  const out: string[] = [];
  for (const term of terms) {
    const t = indexTerm(term);
    if (!INDEX_STOP_WORDS.has(t)) out.push(t);
  }
  return out.join(' ');
}

/** The `terms` column: identifier-split text, each term stemmed (`indexTerm`), space separated, stop words left out. */
export function termsText(text: string): string {
  return searchText(termsOf(text));
}

/** Distinct identifiers a TermCache remembers before it starts over. */
const CACHE_LIMIT = 200_000;

/** Per ASCII character, as `IDENT` reads it: 3 starts or continues an identifier, 2 only continues one (digits), 0 neither. */
const IDENT_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  IDENT_CHAR[c] = /[A-Za-z_$]/.test(ch) ? 3 : /[0-9]/.test(ch) ? 2 : 0;
}

/**
 * The terms of each identifier of a text, in order (identifiers with no terms left out), and where
 * each line begins: the terms of 0-based lines a..b-1 are `parts[lineStart[a]] .. parts[lineStart[b] - 1]`.
 */
export interface IdentifierTerms {
  parts: string[];
  lineStart: number[];
}

/**
 * `termsText` for bulk indexing: each distinct identifier is split and stemmed once. Source code
 * repeats its identifiers so often that splitting every occurrence was most of the indexer's CPU
 * time. A text is scanned a character at a time rather than with `IDENT`, and its terms are
 * joined once per file and chunk rather than per line (bench/parse: terms phase ~15 % less CPU).
 * Same output as `termsText`.
 */
export class TermCache {
  /** Each distinct identifier's terms (splitting and stemming it once). */
  private readonly expand = boundedMemo(termsText, CACHE_LIMIT);

  termsText(text: string): string {
    return this.identifierTerms(text).parts.join(' ');
  }

  identifierTerms(text: string): IdentifierTerms {
    const parts: string[] = [];
    const lineStart = [0];
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        lineStart.push(parts.length);
        i++;
        continue;
      }
      if (c >= 128 || (IDENT_CHAR[c] as number) !== 3) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d >= 128 || (IDENT_CHAR[d] as number) === 0) break;
        j++;
      }
      const terms = this.expand(text.slice(i, j));
      if (terms) parts.push(terms);
      i = j;
    }
    lineStart.push(parts.length);
    return { parts, lineStart };
  }
}

/** The terms of 0-based lines from..to-1 (all lines by default) as one `terms` text. */
export function joinTerms(terms: IdentifierTerms, from = 0, to = terms.lineStart.length - 1): string {
  return terms.parts.slice(terms.lineStart[from], terms.lineStart[to]).join(' ');
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

/** A lower-case word's singular (`entries` → `entry`, `payments` → `payment`; `class`, `status` kept). */
export function singular(term: string): string {
  if (term.length > 4 && term.endsWith('ies')) return `${term.slice(0, -3)}y`;
  if (term.length > 3 && term.endsWith('s') && !term.endsWith('ss') && !term.endsWith('us')) return term.slice(0, -1);
  return term;
}

/** A light English stemmer (plural, -ing, -ed, -er, -ly), enough to match `files` with `file`. */
export function lightStem(term: string): string {
  if (term.length <= 3) return term;
  for (const [suffix, keep] of [['ies', 'y'], ['sses', 'ss'], ['ing', ''], ['ed', ''], ['es', ''], ['s', ''], ['er', ''], ['ly', '']] as const) {
    if (term.endsWith(suffix) && term.length - suffix.length >= 3) return term.slice(0, -suffix.length) + keep;
  }
  return term;
}
