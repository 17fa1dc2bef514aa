/**
 * Hybrid retrieval over the index: lexical (BM25 over identifier-split terms, path and symbol
 * weighted), structural (definitions of the identifiers, paths and stack frames a query or a
 * selection names), and dense vectors when an embedder is configured; fused with RRF, floored,
 * and packed into a token budget.
 */
import type { Config } from '../config';
import { errorMessage, throwIfAborted } from '../errors';
import type { Logger } from '../log';
import type { IndexStore } from '../index/store';
import type { ChunkRow } from '../index/schema';
import { sqlIn, sqlString } from '../index/schema';
import { isStopWord, lightStem, termsOf } from '../terms';
import { reciprocalRankFusion, type RankedList } from './fusion';
import { packChunks } from './pack';
import { identifiersUsedIn, parseQuery } from './query';
import { StandardsCatalog } from './standardsCatalog';
import type { RetrievalResult, RetrieveRequest, RetrievedChunk, Retriever } from './types';

/** A chunk as search returns it (without its index-only columns). */
export type ChunkHit = Omit<ChunkRow, 'terms' | 'head' | 'file_hash' | 'chunk_hash'> & { _score?: number };
type Row = ChunkHit;
const COLUMNS = ['id', 'path', 'language', 'kind', 'symbol', 'container', 'start_line', 'end_line', 'text'];
const FTS_COLUMNS = [...COLUMNS, '_score'];
const MAX_QUERY_TERMS = 160;
const LEXICAL_LIMIT = 200;
const MAX_DEFINITIONS = 120;

/** Optional dense search, provided by the embed layer when an embedding model is configured. */
export interface VectorSearch {
  search(query: string, limit: number, signal?: AbortSignal): Promise<Row[]>;
}

export interface RetrieverDeps {
  store: IndexStore;
  config: Config;
  logger: Logger;
  vectors?: VectorSearch;
}

export function createRetriever(deps: RetrieverDeps): Retriever & { invalidate(): void } {
  const standards = new StandardsCatalog(deps.store);
  return {
    retrieve: (request) => retrieve(deps, standards, request),
    invalidate: () => standards.invalidate(),
  };
}

async function retrieve(deps: RetrieverDeps, catalog: StandardsCatalog, req: RetrieveRequest): Promise<RetrievalResult> {
  const { store, config } = deps;
  const signal = req.signal;
  const k = req.k ?? 20;
  const queryText = [req.query ?? '', req.selection?.text ?? ''].join('\n').trim();
  const parsed = parseQuery(req.query ?? '');
  const lists: Array<RankedList<Row>> = [];

  const lexical = queryText ? await lexicalSearch(store, queryText, signal) : [];
  lists.push({ name: 'lexical', items: lexical, weight: 1 });

  const names = [...parsed.identifiers, ...(req.selection ? identifiersUsedIn(req.selection.text) : [])];
  const definitions = await definitionChunks(store, [...new Set(names)], signal);
  lists.push({ name: 'definition', items: definitions, weight: 1 });

  const mentioned = await pathChunks(store, parsed.paths, lexical, signal);
  lists.push({ name: 'path', items: mentioned, weight: 0.8 });

  if (deps.vectors && queryText) {
    try {
      lists.push({ name: 'vector', items: await deps.vectors.search(queryText, LEXICAL_LIMIT, signal), weight: 1 });
    } catch (err) {
      throwIfAborted(signal);
      // The embedding endpoint is optional: without it retrieval is lexical + structural.
      deps.logger.warn(`Vector search skipped: ${errorMessage(err)}`);
    }
  }
  throwIfAborted(signal);

  if (req.selection) lists.push({ name: 'enclosing', items: await enclosingChunks(store, req.selection), weight: 2 });

  let fused = reciprocalRankFusion(lists, (r) => r.id);
  if (req.selection) {
    // The selection itself is in the prompt already: drop chunks that lie inside it.
    const sel = req.selection;
    fused = fused.filter(({ item }) => !(item.path === sel.path && item.start_line >= sel.startLine && item.end_line <= sel.endLine));
  }
  const best = fused[0]?.score ?? 0;
  const floor = best * config.retrieval.relevanceFloor;
  const kept = fused.filter((f) => f.score >= floor);

  const chunks: RetrievedChunk[] = kept.slice(0, Math.max(k * 3, 60)).map(({ item, score, lists: why }) => ({
    id: item.id,
    path: item.path,
    language: item.language,
    kind: item.kind as RetrievedChunk['kind'],
    symbol: item.symbol,
    startLine: item.start_line,
    endLine: item.end_line,
    text: item.text,
    score,
    reasons: why,
  }));

  const budget = req.budgetTokens ?? config.retrieval.maxContextTokens;
  const includeStandards = req.includeStandards ?? true;
  const standards = includeStandards ? await catalog.relevant(req.path ?? req.selection?.path, queryText, 8) : [];
  const standardTokens = standards.reduce((n, s) => n + Math.ceil(s.text.length / 4), 0);
  const packed = packChunks(chunks.slice(0, k * 2), Math.max(0, budget - standardTokens)).slice(0, k);

  const structural = definitions.length > 0 || mentioned.length > 0;
  return {
    chunks: packed,
    standards,
    files: rankFiles(kept),
    functions: rankFunctions(kept),
    thin: !structural && (lexical.length === 0 || Math.max(...lexical.slice(0, 3).map((r) => coverage(queryText, r))) < 0.3),
  };
}

async function lexicalSearch(store: IndexStore, text: string, signal?: AbortSignal): Promise<Row[]> {
  const terms = [...new Set(termsOf(text).filter((t) => t.length > 1))].slice(0, MAX_QUERY_TERMS);
  if (terms.length === 0) return [];
  throwIfAborted(signal);
  const query = new store.lancedb.MultiMatchQuery(terms.join(' '), ['terms', 'head'], { boosts: [1, 2.5] });
  return (await store.chunks.query().fullTextSearch(query).select(FTS_COLUMNS).limit(LEXICAL_LIMIT).toArray()) as Row[];
}

/** Chunks holding the definitions of `names`, rarest names first (a name defined everywhere says little). */
async function definitionChunks(store: IndexStore, names: string[], signal?: AbortSignal): Promise<Row[]> {
  if (names.length === 0) return [];
  throwIfAborted(signal);
  const defs = (await store.symbols
    .query()
    .where(`is_def = true AND ${sqlIn('name', names.slice(0, 400))}`)
    .select(['name', 'path', 'line'])
    .limit(5000)
    .toArray()) as Array<{ name: string; path: string; line: number }>;
  const byName = new Map<string, Array<{ path: string; line: number }>>();
  for (const d of defs) byName.set(d.name, [...(byName.get(d.name) ?? []), d]);
  const ordered = [...byName.entries()]
    .filter(([, places]) => places.length <= 12)
    .sort((a, b) => a[1].length - b[1].length)
    .flatMap(([, places]) => places)
    .slice(0, MAX_DEFINITIONS);
  if (ordered.length === 0) return [];
  const paths = [...new Set(ordered.map((d) => d.path))];
  const rows = (await store.chunks.query().where(sqlIn('path', paths)).select(COLUMNS).limit(20_000).toArray()) as Row[];
  const out: Row[] = [];
  const seen = new Set<string>();
  for (const d of ordered) {
    const holder = rows
      .filter((r) => r.path === d.path && r.start_line <= d.line && r.end_line >= d.line)
      .sort((a, b) => a.end_line - a.start_line - (b.end_line - b.start_line))[0];
    if (holder && !seen.has(holder.id)) {
      seen.add(holder.id);
      out.push(holder);
    }
  }
  return out;
}

/** The smallest chunk that encloses the selection and is larger than it (the enclosing symbol). */
async function enclosingChunks(store: IndexStore, sel: NonNullable<RetrieveRequest['selection']>): Promise<Row[]> {
  const rows = (await store.chunks
    .query()
    .where(`path = ${sqlString(sel.path)} AND start_line <= ${sel.startLine} AND end_line >= ${sel.endLine}`)
    .select(COLUMNS)
    .limit(50)
    .toArray()) as Row[];
  const larger = rows.filter((r) => r.end_line - r.start_line > sel.endLine - sel.startLine);
  larger.sort((a, b) => a.end_line - a.start_line - (b.end_line - b.start_line));
  return larger.slice(0, 1);
}

/** Chunks of files the query names by path (suffix match), in lexical order where known. */
async function pathChunks(store: IndexStore, paths: string[], lexical: Row[], signal?: AbortSignal): Promise<Row[]> {
  if (paths.length === 0) return [];
  throwIfAborted(signal);
  const filter = paths
    .slice(0, 20)
    .map((p) => `(path = ${sqlString(p)} OR path LIKE ${sqlString('%/' + p.replace(/[%_]/g, ''))})`)
    .join(' OR ');
  const rows = (await store.chunks.query().where(filter).select(COLUMNS).limit(2000).toArray()) as Row[];
  const lexRank = new Map(lexical.map((r, i) => [r.id, i]));
  return rows.sort((a, b) => (lexRank.get(a.id) ?? 1e9) - (lexRank.get(b.id) ?? 1e9) || a.start_line - b.start_line).slice(0, 50);
}

function rankFiles(fused: ReadonlyArray<{ item: Row; score: number }>): Array<{ path: string; score: number }> {
  const byFile = new Map<string, number[]>();
  for (const { item, score } of fused) byFile.set(item.path, [...(byFile.get(item.path) ?? []), score]);
  return [...byFile.entries()]
    .map(([path, scores]) => ({ path, score: scores.reduce((sum, s, i) => sum + s / (i + 1), 0) }))
    .sort((a, b) => b.score - a.score);
}

function rankFunctions(fused: ReadonlyArray<{ item: Row; score: number }>): Array<{ id: string; score: number }> {
  const out = new Map<string, number>();
  for (const { item, score } of fused) {
    if (!item.symbol || item.kind === 'module' || item.kind === 'window' || item.kind === 'section') continue;
    const id = `${item.path}::${item.symbol}`;
    if (!out.has(id)) out.set(id, score);
  }
  return [...out.entries()].map(([id, score]) => ({ id, score }));
}

/** Fraction of the query's distinct content terms found in a chunk (lightly stemmed). */
function coverage(query: string, row: Row): number {
  const q = [...new Set(termsOf(query).filter((t) => t.length > 2 && !isStopWord(t)).map(lightStem))];
  if (q.length === 0) return 1;
  const have = new Set(termsOf(`${row.path} ${row.symbol} ${row.text}`).map(lightStem));
  return q.filter((t) => have.has(t)).length / q.length;
}
