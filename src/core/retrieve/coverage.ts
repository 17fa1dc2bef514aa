/**
 * Coverage: how many of a query's distinct words a chunk holds, whatever their counts. BM25 sums
 * per-word evidence, so a chunk that repeats two of a query's words often can outscore one that
 * holds all of them once; the share of the query a chunk covers (the "coordination level" of
 * early retrieval systems) tells those apart.
 */
import { boundedMemo } from '../memo';
import { isStopWord, lightStem, splitIdentifier, termsOf } from '../terms';

/** Chunks (best first) whose coverage ranks files: deeper than the function list's usual answer. */
export const COVERAGE_DEPTH = 150;

/** A query's content words as coverage counts them: identifier-split, over two letters, no stop words, lightly stemmed, distinct. */
export function contentTerms(text: string): string[] {
  return [...new Set(termsOf(text).filter((t) => t.length > 2 && !isStopWord(t)).map(lightStem))];
}

export interface CoverableChunk {
  path: string;
  symbol: string;
  text: string;
}

/**
 * What a term is looked up as: its stem, less a final `y` (`library` stands for `libraries` too,
 * which light stemming does not bring back to `library`).
 */
function lookupForm(term: string): string {
  return term.length > 4 && term.endsWith('y') ? term.slice(0, -1) : term;
}

const isLower = (c: number) => c >= 97 && c <= 122;
const isUpper = (c: number) => c >= 65 && c <= 90;
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Whether position `i` of `text` starts a part of an identifier as `termsOf` splits it: after a
 * non-alphanumeric character, at a lower→upper or letter↔digit change, or at the last capital of
 * an acronym that starts a word (`HTTPServer` → `Server`).
 */
function startsPart(text: string, i: number): boolean {
  if (i === 0) return true;
  const prev = text.charCodeAt(i - 1);
  const cur = text.charCodeAt(i);
  if (!isLower(prev) && !isUpper(prev) && !isDigit(prev)) return true;
  if (isDigit(prev) !== isDigit(cur)) return true;
  if (isUpper(cur) && isLower(prev)) return true;
  return isUpper(cur) && isUpper(prev) && isLower(text.charCodeAt(i + 1));
}

/** Whether `term` (lower case) begins an identifier part somewhere in `text` (`lower` is `text` lower-cased). */
function holds(text: string, lower: string, term: string): boolean {
  for (let i = lower.indexOf(term); i >= 0; i = lower.indexOf(term, i + 1)) if (startsPart(text, i)) return true;
  return false;
}

/**
 * Share of `terms` (`contentTerms`) found in a chunk's path, symbol or text: a term counts when
 * some identifier part there begins with it (`pars` finds `parseConfig` and `parsing`). Native
 * substring search: tokenising the 150 chunks a query ranks files by cost ~12 ms a query.
 */
export function coverageOf(terms: readonly string[], chunk: CoverableChunk): number {
  if (terms.length === 0) return 1;
  const text = `${chunk.path} ${chunk.symbol} ${chunk.text}`;
  const lower = text.toLowerCase();
  // A few characters change length in lower case (`İ`): positions would no longer line up.
  if (lower.length !== text.length) return tokenCoverage(terms, text);
  let found = 0;
  for (const term of terms) if (holds(text, lower, lookupForm(term))) found++;
  return found / terms.length;
}

/** `coverageOf` by tokenising: each distinct stem of the text against the terms. */
function tokenCoverage(terms: readonly string[], text: string): number {
  const stems = termsOf(text).map(lightStem);
  return terms.filter((term) => stems.some((stem) => stem.startsWith(lookupForm(term)))).length / terms.length;
}

/** The coverage of `terms` in each of the first `depth` chunks, best first (none when there are no terms). */
export function coverageShares(chunks: ReadonlyArray<{ item: CoverableChunk }>, terms: readonly string[], depth = COVERAGE_DEPTH): number[] {
  return terms.length === 0 ? [] : chunks.slice(0, depth).map(({ item }) => coverageOf(terms, item));
}

/**
 * The chunks `shares` covers (`coverageShares`), by coverage; between equal coverage, in their
 * own order. Used with the query's first line (an issue title, a commit subject, a docstring's
 * sentence): the line that says what the query is about.
 */
export function chunksByCoverage<T>(chunks: readonly T[], shares: readonly number[]): T[] {
  return shares
    .map((share, at) => ({ share, at }))
    .sort((a, b) => b.share - a.share || a.at - b.at)
    .map(({ at }) => chunks[at] as T);
}

/** Files in the order of their best-covering chunk (`chunksByCoverage`). */
export function filesByCoverage(chunks: ReadonlyArray<{ item: CoverableChunk }>, shares: readonly number[]): string[] {
  return [...new Set(chunksByCoverage(chunks, shares).map(({ item }) => item.path))];
}

/**
 * How much of a function's own name the query says: the share of its name's words (`combineSourcemaps`
 * → combine, sourcemaps) that begin, or are begun by, one of the query's content words, and how
 * many. A docstring or a question paraphrases the name of what it describes; a longer name with
 * words the query never says (`combineSourcemapsIfExists`) describes something more particular.
 */
export function nameMatch(terms: readonly string[], symbol: string): { share: number; matched: number } {
  const parts = nameWords(symbol);
  if (parts.length === 0 || terms.length === 0) return { share: 0, matched: 0 };
  const matched = parts.filter((w) => terms.some((t) => (w.length >= 3 && t.startsWith(w)) || (t.length >= 3 && w.startsWith(t)))).length;
  return { share: matched / parts.length, matched };
}

/**
 * The distinct stemmed words of a symbol's own name (its last dotted part), stop words out;
 * remembered, since the chunks a query ranks repeat across queries (splitting 150 names took
 * ~0.35 ms a query).
 */
const nameWords = boundedMemo((symbol: string): string[] => {
  const name = symbol.split('.').pop() ?? '';
  return [...new Set(splitIdentifier(name).filter((t) => t.length > 1 && !isStopWord(t)).map(lightStem))];
}, 50_000);
