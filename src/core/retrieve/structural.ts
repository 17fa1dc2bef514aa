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
  const rare = [...byName.values()].filter((places) => places.length <= 12).sort((a, b) => a.length - b.length);
  const ordered = rare.flat().slice(0, MAX_DEFINITIONS);
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

/** Trailing path segments two paths share (`a/b/c.py` and `x/b/c.py` share 2). */
function sharedTail(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n += 1;
  return n;
}

/**
 * The repository files a path written in a query stands for. A query path may be shorter than the
 * file's (`tmpdir.py`, `_core/plot.py`) or longer (a stack frame's `/home/u/venv/site-packages/pkg/mod.py`,
 * `~/code/pkg/pkg/mod.py`): the files sharing the longest tail of segments with it win, when that tail
 * is the whole of one of the two paths or at least a folder plus the file name. A name that more
 * than MAX_FILES_PER_NAMED_PATH files share equally names none of them.
 */
export function resolvePath(queryPath: string, files: readonly string[]): string[] {
  const q = queryPath.replace(/^(\.\/|~\/)/, '').split(/[\\/]/).filter((s) => s.length > 0 && s !== '.');
  if (q.length === 0) return [];
  let best = 0;
  let matches: string[] = [];
  for (const f of files) {
    const segs = f.split('/');
    const n = sharedTail(q, segs);
    if (n === 0 || !(n === q.length || n === segs.length || n >= 2)) continue;
    if (n > best) {
      best = n;
      matches = [f];
    } else if (n === best) matches.push(f);
  }
  return matches.length <= MAX_FILES_PER_NAMED_PATH ? matches : [];
}

export interface NamedPaths {
  /** Chunks of the named files. */
  chunks: ChunkHit[];
  /** The files each query path stands for (`resolvePath`). */
  resolved: Map<string, string[]>;
}

/** Chunks of files the query names by path (or a stack frame's path), resolved by `resolvePath`. */
export async function pathChunks(store: IndexStore, paths: string[], signal?: AbortSignal): Promise<NamedPaths> {
  const wanted = paths.slice(0, 40);
  const names = [...new Set(wanted.map((p) => p.split('/').pop() ?? '').filter((n) => n.length > 0))];
  if (names.length === 0) return { chunks: [], resolved: new Map() };
  throwIfAborted(signal);
  const filter = names
    // `_` is LIKE's one-character wildcard, which also matches itself: only `%` must go.
    .map((n) => `(path = ${sqlString(n)} OR path LIKE ${sqlString('%/' + n.replace(/%/g, ''))})`)
    .join(' OR ');
  // The files table (one row per file) resolves the names; only the named files' chunks are read.
  const files = (await queryRows<{ path: string }>(store.files.query().where(filter).select(['path']).limit(5000))).map((r) => r.path);
  const resolved = new Map(wanted.map((p) => [p, resolvePath(p, files)] as const));
  const named = [...new Set([...resolved.values()].flat())];
  if (named.length === 0) return { chunks: [], resolved };
  const chunks = await queryRows<ChunkHit>(store.chunks.query().where(sqlIn('path', named)).select(CHUNK_COLUMNS).limit(5000));
  return { chunks, resolved };
}
