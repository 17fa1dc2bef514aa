/**
 * Lexical lists: BM25 over chunks (identifier-split body terms, path + symbol weighted) and BM25
 * over whole files (a large file whose many parts each match a little is one strong document here,
 * where a sum of weak chunk scores would lose it).
 */
import type { Table } from '@lancedb/lancedb';
import { throwIfAborted } from '../errors';
import { queryRows } from '../index/rows';
import type { ChunkRow } from '../index/schema';
import type { IndexStore } from '../index/store';
import { searchText } from '../terms';
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
/** Keys each full-text clause hands to the sum (see `searchSummed`). */
export const CANDIDATES = 500;
/**
 * Path and symbol words are stronger evidence than body words in a chunk. Not more than 2×: the
 * head is a short field (BM25 scores a match there high) and every chunk of a file shares its path
 * words, so a prose query (a docstring, a commit subject) that uses a folder's word in passing
 * (`plugin`, `server`, `options`) lifts every chunk under that folder; 2.5× cost 0.01–0.02 MRR on the
 * docstring sets against 2×, and 1.5× cost the issue sets, whose code names match symbols.
 */
export const CHUNK_HEAD_BOOST = 2;
/** In a whole file the path is one short field among thousands of words: no extra weight measured best. */
const FILE_HEAD_BOOST = 1;
/** Extra weight of the query's lead terms (its first line, when it has more than one). */
const LEAD_BOOST = 1;
/**
 * Extra weight of the query's code-like terms (identifiers, dotted names, backticked words: they
 * name code) and the weight of abbreviation expansions (`representation` → `repr`: another
 * spelling, not the query's own word).
 */
const EXTRA_BOOST = 0.5;

/** One full-text clause: a query text matched against one column, its BM25 score times `boost`. */
interface Clause {
  text: string;
  column: string;
  boost: number;
}

/**
 * BM25 over a body column and a head column (path, symbol), the head weighted `headBoost`; the
 * query's lead terms (an issue title, a commit subject) count LEAD_BOOST more, its code-like terms
 * EXTRA_BOOST more, and abbreviation expansions count EXTRA_BOOST.
 */
function clauses(q: QueryTerms, headBoost: number): Clause[] {
  const all = searchText(q.all);
  const out: Clause[] = [
    { text: all, column: 'terms', boost: 1 },
    { text: all, column: 'head', boost: headBoost },
  ];
  if (q.lead.length > 0 && q.lead.length < q.all.length) {
    const lead = searchText(q.lead);
    out.push({ text: lead, column: 'terms', boost: LEAD_BOOST }, { text: lead, column: 'head', boost: LEAD_BOOST * headBoost });
  }
  // Code words and abbreviation expansions carry the same extra weight: one clause per column for
  // both (a term in both counts once), two searches fewer for a query that has both.
  const code = q.code.length > 0 && q.code.length < q.all.length ? q.code : [];
  const extra = [...new Set([...code, ...q.expanded])];
  if (extra.length > 0) {
    const text = searchText(extra);
    out.push({ text, column: 'terms', boost: EXTRA_BOOST }, { text, column: 'head', boost: EXTRA_BOOST * headBoost });
  }
  return out;
}

/**
 * The clauses' scores summed per row, best `limit` first, in two steps: each clause is its own
 * top-CANDIDATES search for row ids and scores only, run side by side; then the best `limit` rows
 * by summed score are read whole, by row id. LanceDB's BooleanQuery gives exact sums but scores
 * every matching row of every clause (25 ms p50 at 117k chunks against ~5 ms per single-column
 * top-k), and reading whole rows inside each clause's search doubled the reads. A row outside a
 * clause's candidates gets nothing from it: with CANDIDATES well above `limit` the sums differ from
 * the exact ones only far down the list (at `limit` candidates per clause the head clause's ties —
 * every chunk of a file shares its path words — cost 0.01–0.02 MRR on the eval sets).
 *
 * Row ids are positions: a compaction between the two steps (the indexer's optimize) retires them,
 * and the read then fails or comes back short; the search is then run once more.
 */
async function searchSummed<T extends { _score?: number }>(
  store: IndexStore,
  table: Table,
  cs: readonly Clause[],
  columns: readonly string[],
  limit: number,
  retry = true,
): Promise<T[]> {
  const { MatchQuery } = store.lancedb;
  type Hit = { _rowid: bigint; _score: number };
  const lists = await Promise.all(
    cs.map((c) =>
      queryRows<Hit>(table.query().fullTextSearch(new MatchQuery(c.text, c.column)).select(['_score']).withRowId().limit(CANDIDATES)),
    ),
  );
  const summed = new Map<bigint, number>();
  lists.forEach((rows, i) => {
    const boost = (cs[i] as Clause).boost;
    for (const row of rows) summed.set(row._rowid, (summed.get(row._rowid) ?? 0) + boost * row._score);
  });
  const best = [...summed.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit);
  if (best.length === 0) return [];
  let rows: Array<T & { _rowid: bigint }>;
  try {
    rows = await queryRows<T & { _rowid: bigint }>(table.takeRowIds(best.map(([id]) => id)).select([...columns]).withRowId());
  } catch (err) {
    if (!retry) throw err;
    return searchSummed<T>(store, table, cs, columns, limit, false);
  }
  if (rows.length < best.length && retry) return searchSummed<T>(store, table, cs, columns, limit, false);
  const byId = new Map(rows.map((r) => [r._rowid, r]));
  const out: T[] = [];
  for (const [id, score] of best) {
    const row = byId.get(id);
    if (!row) continue;
    const { _rowid, ...fields } = row;
    void _rowid;
    out.push({ ...(fields as unknown as T), _score: score });
  }
  return out;
}

export async function chunkSearch(store: IndexStore, q: QueryTerms, signal?: AbortSignal): Promise<ChunkHit[]> {
  if (q.all.length === 0) return [];
  throwIfAborted(signal);
  return searchSummed<ChunkHit>(store, store.chunks, clauses(q, CHUNK_HEAD_BOOST), CHUNK_COLUMNS, CHUNK_LIMIT);
}

export async function fileSearch(store: IndexStore, q: QueryTerms, signal?: AbortSignal): Promise<FileHit[]> {
  if (q.all.length === 0) return [];
  throwIfAborted(signal);
  return searchSummed<FileHit>(store, store.files, clauses(q, FILE_HEAD_BOOST), ['path', 'language'], FILE_LIMIT);
}
