/**
 * Structural candidates: chunks holding the definitions of names a query or selection uses, the
 * chunk enclosing a selection, and chunks of files the query names by path.
 */
import { throwIfAborted } from '../errors';
import type { IndexStore } from '../index/store';
import { queryRows } from '../index/rows';
import { sqlIn, sqlString } from '../index/schema';
import { CHUNK_COLUMNS, type ChunkHit } from './lexical';
import type { RetrieveRequest } from './types';

const MAX_DEFINITIONS = 120;

/** Chunks holding the definitions of `names`, rarest names first (a name defined everywhere says little). */
export async function definitionChunks(store: IndexStore, names: string[], signal?: AbortSignal): Promise<ChunkHit[]> {
  if (names.length === 0) return [];
  throwIfAborted(signal);
  const defs = await queryRows<{ name: string; path: string; line: number }>(
    store.symbols.query().where(`is_def = true AND ${sqlIn('name', names.slice(0, 400))}`).select(['name', 'path', 'line']).limit(5000),
  );
  const byName = new Map<string, Array<{ path: string; line: number }>>();
  for (const d of defs) byName.set(d.name, [...(byName.get(d.name) ?? []), d]);
  const ordered = [...byName.entries()]
    .filter(([, places]) => places.length <= 12)
    .sort((a, b) => a[1].length - b[1].length)
    .flatMap(([, places]) => places)
    .slice(0, MAX_DEFINITIONS);
  if (ordered.length === 0) return [];
  // Which chunk holds each definition, from the chunks' line ranges alone; then only those chunks
  // with their text (a file's every chunk with text, or one OR clause per definition, were the slow
  // part of a query).
  type Span = Pick<ChunkHit, 'id' | 'path' | 'start_line' | 'end_line'>;
  const spans = await queryRows<Span>(
    store.chunks.query().where(sqlIn('path', [...new Set(ordered.map((d) => d.path))])).select(['id', 'path', 'start_line', 'end_line']).limit(20_000),
  );
  const holderIds: string[] = [];
  for (const d of ordered) {
    const holder = spans
      .filter((r) => r.path === d.path && r.start_line <= d.line && r.end_line >= d.line)
      .sort((a, b) => a.end_line - a.start_line - (b.end_line - b.start_line))[0];
    if (holder && !holderIds.includes(holder.id)) holderIds.push(holder.id);
  }
  if (holderIds.length === 0) return [];
  const rows = new Map(
    (await queryRows<ChunkHit>(store.chunks.query().where(sqlIn('id', holderIds)).select(CHUNK_COLUMNS).limit(holderIds.length * 2))).map((r) => [r.id, r]),
  );
  return holderIds.map((id) => rows.get(id)).filter((r): r is ChunkHit => r !== undefined);
}

/** The smallest chunk that encloses the selection and is larger than it (the enclosing symbol). */
export async function enclosingChunks(store: IndexStore, sel: NonNullable<RetrieveRequest['selection']>): Promise<ChunkHit[]> {
  const rows = await queryRows<ChunkHit>(
    store.chunks
      .query()
      .where(`path = ${sqlString(sel.path)} AND start_line <= ${sel.startLine} AND end_line >= ${sel.endLine}`)
      .select(CHUNK_COLUMNS)
      .limit(50),
  );
  const larger = rows.filter((r) => r.end_line - r.start_line > sel.endLine - sel.startLine);
  larger.sort((a, b) => a.end_line - a.start_line - (b.end_line - b.start_line));
  return larger.slice(0, 1);
}

/** A file name that matches more files than this is not evidence for any of them (`setup.py`, `index.ts`). */
const MAX_FILES_PER_NAMED_PATH = 2;

/**
 * Chunks of files the query names by path (suffix match). A name that several files share names
 * none of them.
 */
export async function pathChunks(store: IndexStore, paths: string[], signal?: AbortSignal): Promise<ChunkHit[]> {
  if (paths.length === 0) return [];
  throwIfAborted(signal);
  const wanted = paths.slice(0, 20);
  const filter = wanted
    // `_` is LIKE's one-character wildcard, which also matches itself: only `%` must go.
    .map((p) => `(path = ${sqlString(p)} OR path LIKE ${sqlString('%/' + p.replace(/%/g, ''))})`)
    .join(' OR ');
  const rows = await queryRows<ChunkHit>(store.chunks.query().where(filter).select(CHUNK_COLUMNS).limit(5000));
  const files = [...new Set(rows.map((r) => r.path))];
  const unambiguous = new Set<string>();
  for (const p of wanted) {
    const matching = files.filter((f) => f === p || f.endsWith('/' + p));
    if (matching.length <= MAX_FILES_PER_NAMED_PATH) for (const f of matching) unambiguous.add(f);
  }
  return rows.filter((r) => unambiguous.has(r.path));
}
