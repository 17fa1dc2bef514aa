/**
 * The search columns of a parsed file, computed in the thread that parsed it. Identifier-splitting
 * every chunk and the whole file costs about as much CPU as parsing; done in the parse workers it
 * runs in parallel and leaves the indexer's thread to batch and write.
 */
import { hash } from 'node:crypto';
import { joinTerms, type TermCache } from '../terms';
import type { ParsedChunk, ParsedFile, SearchTerms } from './types';

/** SHA-1, hex. One-shot `hash` (Node ≥ 20.12): ~3× less CPU than `createHash` for a chunk-sized input. */
export function contentHash(text: string | Uint8Array): string {
  return hash('sha1', text, 'hex');
}

/** `src/_pytest/tmpdir.py` → `src pytest tmpdir`: the path without its extension, identifier-split. */
export function pathTerms(path: string, cache: TermCache): string {
  return cache.termsText(path.replace(/\.[^./]+$/, ''));
}

export function searchTerms(file: ParsedFile, path: string, text: string, cache: TermCache): SearchTerms {
  const terms = cache.identifierTerms(text);
  // ends[i]: length of lines 1..i joined by '\n' (line breaks '\n' or '\r\n'). A chunk of the
  // length of lines a..b is that slice of the file (the chunkers cut at lines), so its terms are
  // the lines' terms: a slice of the file's terms, from the offset of line a's first term to that
  // of line b+1's. A class skeleton (bodies collapsed) is not a slice and is scanned on its own.
  const ends = lineEnds(text);
  const lines = ends.length - 1;
  const isSlice = (c: ParsedChunk) =>
    c.kind !== 'class' && c.startLine >= 1 && c.endLine <= lines &&
    c.text.length === (ends[c.endLine] as number) - (ends[c.startLine - 1] as number) - 1;
  const fileTerms = joinTerms(terms);
  // at[k]: where the k-th term group starts in fileTerms (groups joined by one space).
  const at = new Int32Array(terms.parts.length + 1);
  for (let k = 0; k < terms.parts.length; k++) at[k + 1] = (at[k] as number) + (terms.parts[k] as string).length + 1;
  const spans = new Int32Array(file.chunks.length * 2).fill(-1);
  const chunks = file.chunks.map((c, i) => {
    if (!isSlice(c)) return cache.termsText(c.text);
    const from = terms.lineStart[c.startLine - 1] as number;
    const to = terms.lineStart[c.endLine] as number;
    if (to <= from) return '';
    spans[2 * i] = at[from] as number;
    spans[2 * i + 1] = (at[to] as number) - 1;
    return fileTerms.slice(at[from], (at[to] as number) - 1);
  });
  const head = pathTerms(path, cache);
  return {
    file: fileTerms,
    path: head,
    chunks,
    chunkSpans: spans,
    heads: file.chunks.map((c) => (c.symbol ? `${head} ${cache.termsText(c.symbol)}` : head)),
    chunkHashes: file.chunks.map((c) => contentHash(c.text)),
  };
}

/** For each line count i, the length of the first i lines joined by '\n' (without '\r'), plus one. */
function lineEnds(text: string): number[] {
  const ends = [0];
  let from = 0;
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
    const end = nl > from && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    ends.push((ends[ends.length - 1] as number) + end - from + 1);
    from = nl + 1;
  }
  ends.push((ends[ends.length - 1] as number) + text.length - from + 1);
  return ends;
}

/** The file with its search columns attached. */
export function withSearchTerms(file: ParsedFile, path: string, text: string, cache: TermCache): ParsedFile {
  return { ...file, search: searchTerms(file, path, text, cache) };
}
