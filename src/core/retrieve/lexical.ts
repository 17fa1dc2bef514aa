/**
 * Lexical lists: BM25 over chunks (identifier-split body terms, path + symbol weighted) and BM25
 * over whole files (a large file whose many parts each match a little is one strong document here,
 * where a sum of weak chunk scores would lose it).
 */
import type { FullTextQuery } from '@lancedb/lancedb';
import { throwIfAborted } from '../errors';
import type { ChunkRow } from '../index/schema';
import type { IndexStore } from '../index/store';
import type { QueryTerms } from './queryTerms';

/** A chunk as search returns it (without its index-only columns). */
export type ChunkHit = Omit<ChunkRow, 'terms' | 'head' | 'file_hash' | 'chunk_hash'> & { _score?: number };
export interface FileHit {
  path: string;
  language: string;
  _score?: number;
}

export const CHUNK_COLUMNS = ['id', 'path', 'language', 'kind', 'symbol', 'container', 'start_line', 'end_line', 'text'];
export const CHUNK_LIMIT = 200;
export const FILE_LIMIT = 100;
/** Path and symbol words are stronger evidence than body words in a chunk. */
const CHUNK_HEAD_BOOST = 2.5;
/** In a whole file the path is one short field among thousands of words: no extra weight measured best. */
const FILE_HEAD_BOOST = 1;
/** Extra weight of the query's lead terms (its first line, when it has more than one). */
const LEAD_BOOST = 1;
/** Extra weight of the query's code-like terms (identifiers, dotted names, backticked words): they name code. */
const CODE_BOOST = 0.5;
/** Weight of the abbreviation expansions (`representation` → `repr`): another spelling, not the query's own word. */
const EXPAND_BOOST = 0.5;

/**
 * BM25 over a body column and a head column (path, symbol), the head weighted `headBoost`; the
 * query's lead terms (an issue title, a commit subject) count LEAD_BOOST more, its code-like terms
 * CODE_BOOST more, and abbreviation expansions count EXPAND_BOOST. One query, clauses summed.
 */
function buildQuery(store: IndexStore, q: QueryTerms, headBoost: number): FullTextQuery {
  const { MatchQuery, BooleanQuery, Occur } = store.lancedb;
  const parts: Array<[typeof Occur.Should, FullTextQuery]> = [
    [Occur.Should, new MatchQuery(q.all.join(' '), 'terms', { boost: 1 })],
    [Occur.Should, new MatchQuery(q.all.join(' '), 'head', { boost: headBoost })],
  ];
  if (q.lead.length > 0 && q.lead.length < q.all.length) {
    parts.push([Occur.Should, new MatchQuery(q.lead.join(' '), 'terms', { boost: LEAD_BOOST })]);
    parts.push([Occur.Should, new MatchQuery(q.lead.join(' '), 'head', { boost: LEAD_BOOST * headBoost })]);
  }
  if (q.code.length > 0 && q.code.length < q.all.length) {
    parts.push([Occur.Should, new MatchQuery(q.code.join(' '), 'terms', { boost: CODE_BOOST })]);
    parts.push([Occur.Should, new MatchQuery(q.code.join(' '), 'head', { boost: CODE_BOOST * headBoost })]);
  }
  if (q.expanded.length > 0) {
    parts.push([Occur.Should, new MatchQuery(q.expanded.join(' '), 'terms', { boost: EXPAND_BOOST })]);
    parts.push([Occur.Should, new MatchQuery(q.expanded.join(' '), 'head', { boost: EXPAND_BOOST * headBoost })]);
  }
  return new BooleanQuery(parts);
}

export async function chunkSearch(store: IndexStore, q: QueryTerms, signal?: AbortSignal): Promise<ChunkHit[]> {
  if (q.all.length === 0) return [];
  throwIfAborted(signal);
  const query = buildQuery(store, q, CHUNK_HEAD_BOOST);
  return (await store.chunks.query().fullTextSearch(query).select([...CHUNK_COLUMNS, '_score']).limit(CHUNK_LIMIT).toArray()) as ChunkHit[];
}

export async function fileSearch(store: IndexStore, q: QueryTerms, signal?: AbortSignal): Promise<FileHit[]> {
  if (q.all.length === 0) return [];
  throwIfAborted(signal);
  const query = buildQuery(store, q, FILE_HEAD_BOOST);
  return (await store.files.query().fullTextSearch(query).select(['path', 'language', '_score']).limit(FILE_LIMIT).toArray()) as FileHit[];
}

