/**
 * The search columns of a parsed file, computed in the thread that parsed it. Identifier-splitting
 * every chunk and the whole file costs about as much CPU as parsing; done in the parse workers it
 * runs in parallel and leaves the indexer's thread to batch and write.
 */
import { createHash } from 'node:crypto';
import type { TermCache } from '../terms';
import type { ParsedFile, SearchTerms } from './types';

export function contentHash(text: string | Uint8Array): string {
  return createHash('sha1').update(text).digest('hex');
}

export function searchTerms(file: ParsedFile, text: string, cache: TermCache): SearchTerms {
  return {
    file: cache.termsText(text),
    chunks: file.chunks.map((c) => cache.termsText(c.text)),
    chunkHashes: file.chunks.map((c) => contentHash(c.text)),
  };
}

/** The file with its search columns attached. */
export function withSearchTerms(file: ParsedFile, text: string, cache: TermCache): ParsedFile {
  return { ...file, search: searchTerms(file, text, cache) };
}
