/**
 * Structural candidates: chunks holding the definitions of names a query or selection uses, the
 * chunk enclosing a selection, the chunks that use what a selection defines, and chunks of files
 * the query names by path.
 */
import { throwIfAborted } from '../errors';
import type { IndexStore } from '../index/store';
import { queryRows } from '../index/rows';
import { sqlIn, sqlString } from '../index/schema';
import { languageForFile } from '../parse/languages';
import { splitIdentifier } from '../terms';
import { fileKind } from './fileKind';
import { importedNames } from './imports';
import { CHUNK_COLUMNS, type ChunkHit } from './lexical';
import { canMean, type UseSite } from './meaning';
import { nameUses, type NameUses } from './query';
import type { CodeSelection, RetrieveRequest } from './types';

const MAX_DEFINITIONS = 120;

/**
 * Chunks holding the definitions of `names`, rarest names first (a name defined everywhere says
 * little). `selection`: the code selection the names come from, if any. A plain lower-case word
 * taken from it (`copy`, `runner`) may be a word of a comment or a string rather than a name the
 * code uses: it counts only when its file itself defines or references it (its symbol rows come
 * from the tags queries, which see code only), and a name the file defines stands for that
 * definition alone.
 *
 * A definition in another file is taken only when the selection's use can mean it (`nameUses`,
 * `canMean`: `logger.info` → `Logger.info`, not `PluginContext.info`; a bare name only when the
 * file imports it — read from `selection.fileText`, or else from the file's indexed chunks). By
 * name alone, vite's `loadEnv` — whose `debug?.(…)` is a local function — brought in
 * `PluginContext.debug` and three modules' own `debug` helpers.
 */
export async function definitionChunks(store: IndexStore, names: string[], signal?: AbortSignal, selection?: CodeSelection): Promise<ChunkHit[]> {
  if (names.length === 0) return [];
  throwIfAborted(signal);
  const usedIn = selection?.path;
  const uses = selection && nameUses(selection.text, languageForFile(selection.path, selection.fileText ?? selection.text) ?? '');
  const wanted = names.slice(0, 400);
  const plain = usedIn ? wanted.filter((n) => /^[a-z]+$/.test(n)) : [];
  const [defs, seen, imported] = await Promise.all([
    queryRows<Place>(
      store.symbols.query().where(`is_def = true AND ${sqlIn('name', wanted)}`).select(['name', 'path', 'line', 'container']).limit(5000),
    ),
    plain.length > 0
      ? queryRows<{ name: string }>(store.symbols.query().where(`path = ${sqlString(usedIn as string)} AND ${sqlIn('name', plain)}`).select(['name']).limit(5000))
      : Promise.resolve([]),
    !selection || !uses
      ? Promise.resolve(undefined)
      : selection.fileText !== undefined
        ? Promise.resolve(importedNames(selection.fileText, uses.language))
        : fileImports(store, selection.path, uses.language),
  ]);
  const unconfirmed = new Set(plain);
  for (const r of seen) unconfirmed.delete(r.name);
  const count = new Map<string, number>();
  for (const d of defs) count.set(d.name, (count.get(d.name) ?? 0) + 1);
  const site: UseSite | undefined = uses && { uses, imported, mentioned: new Set(names), definitions: (name) => count.get(name) ?? 0, path: usedIn };
  const meant = (d: Place): boolean => !site || (d.path === usedIn && !throughReceiver(d, site.uses)) || canMean(d, site);
  // Code outside tests never calls a test's own functions: `join` in javapoet's CodeWriter was given
  // `CodeBlockTest.join`.
  const testsMeant = usedIn === undefined || fileKind(usedIn) === 'test';
  const byName = new Map<string, Place[]>();
  for (const d of defs) {
    if (unconfirmed.has(d.name) || !meant(d) || (!testsMeant && fileKind(d.path) === 'test')) continue;
    byName.set(d.name, [...(byName.get(d.name) ?? []), d]);
  }
  // A name the selection's own file defines means that definition (its scope), not a namesake elsewhere.
  if (usedIn) {
    for (const [name, places] of byName) {
      const local = places.filter((p) => p.path === usedIn);
      if (local.length > 0 && local.length < places.length) byName.set(name, local);
    }
  }
  const rare = [...byName.values()].filter((places) => places.length <= 12).sort((a, b) => a.length - b.length);
  return holderChunks(store, rare.flat().slice(0, MAX_DEFINITIONS));
}

/**
 * Whether the code calls a method only through a receiver (`routes&.each`, `x.run()`, `self.run()`;
 * never bare): then a class of the code's own file that defines it is no likelier than a namesake
 * elsewhere, and `canMean` decides (`self`, a receiver named after the class or a class the code
 * names still mean it). Sinatra's `route!` iterates `routes&.each`; by file alone it was handed
 * `Response#each` and `Stream#each`.
 */
function throughReceiver(d: Place, uses: NameUses): boolean {
  if (!d.container || uses.bare.has(d.name)) return false;
  return (uses.receivers.get(d.name)?.size ?? 0) > 0;
}

/** The names `path` imports (`importedNames`), from its indexed chunks' text; undefined when they cannot tell. */
async function fileImports(store: IndexStore, path: string, language: string): Promise<Set<string> | undefined> {
  const rows = await queryRows<{ text: string; start_line: number }>(
    store.chunks.query().where(`path = ${sqlString(path)}`).select(['text', 'start_line']).limit(5000),
  );
  if (rows.length === 0) return undefined;
  return importedNames(rows.sort((a, b) => a.start_line - b.start_line).map((r) => r.text).join('\n'), language);
}

interface Place {
  name: string;
  path: string;
  line: number;
  container: string | null;
}

/**
 * The chunk holding each place (the smallest whose lines hold it), each chunk once, in the order of
 * the places. From the chunks' line ranges alone; then only those chunks with their text (a file's
 * every chunk with text, or one OR clause per place, were the slow part of a query).
 */
async function holderChunks(store: IndexStore, places: ReadonlyArray<{ path: string; line: number }>): Promise<ChunkHit[]> {
  if (places.length === 0) return [];
  type Span = Pick<ChunkHit, 'id' | 'path' | 'start_line' | 'end_line'>;
  const spans = await queryRows<Span>(
    store.chunks.query().where(sqlIn('path', [...new Set(places.map((d) => d.path))])).select(['id', 'path', 'start_line', 'end_line']).limit(20_000),
  );
  const holderIds: string[] = [];
  for (const d of places) {
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

/** A name referenced in more files than this is too common to tell who uses the selection (`get`, `run`, `init`). */
const MAX_REFERENCES_PER_NAME = 40;
const MAX_CALLERS = 12;

export interface Callers {
  chunks: ChunkHit[];
  /**
   * Names the selection defines that too many files reference for their callers to be listed, with
   * how many, when the workspace defines the name only there (a reference by name then means it).
   */
  widelyUsed: Array<{ name: string; files: number }>;
}

/**
 * The chunks that use what a selection defines: the call sites a change to it can break. The names
 * are those the selection defines at its top level, or else the innermost definition around it that
 * is not a function's local helper (a selection inside a function body changes that function). By
 * name only, as the index knows references: from its reference rows (the tags queries' `@reference`
 * captures, one row per name and file at its first use: the chunk of that first use stands for the
 * file); references inside the definition itself (recursion) are not callers. Chunks in other files
 * come first: the reviewer sees the selection's own file already.
 */
export async function callerChunks(store: IndexStore, sel: NonNullable<RetrieveRequest['selection']>, signal?: AbortSignal): Promise<Callers> {
  throwIfAborted(signal);
  type Def = { name: string; kind: string; line: number; end_line: number; container: string };
  const defs = await queryRows<Def>(
    store.symbols
      .query()
      .where(`is_def = true AND path = ${sqlString(sel.path)} AND line <= ${sel.endLine} AND end_line >= ${sel.startLine}`)
      .select(['name', 'kind', 'line', 'end_line', 'container'])
      .limit(500),
  );
  const contains = (a: Def, b: Def) => a !== b && a.line <= b.line && a.end_line >= b.end_line && (a.line < b.line || a.end_line > b.end_line);
  // Only what the selection defines at its top level: a helper nested in a function is not called
  // from elsewhere, and its name (`getTime`, `parse`) matches unrelated calls of the same name.
  const defined = defs.filter((d) => d.line >= sel.startLine && d.line <= sel.endLine);
  const inside = defined.filter((d) => !defined.some((o) => contains(o, d)));
  const enclosing = defs.filter((d) => d.line < sel.startLine && d.end_line >= sel.endLine);
  const around = enclosing
    .filter((d) => !enclosing.some((o) => o.kind === 'function' && contains(o, d)))
    .sort((a, b) => a.end_line - a.line - (b.end_line - b.line))
    .slice(0, 1);
  const used = inside.length > 0 ? inside : around;
  const names = [...new Set(used.map((d) => d.name))].slice(0, 50);
  if (names.length === 0) return { chunks: [], widelyUsed: [] };
  const from = Math.min(sel.startLine, ...used.map((d) => d.line));
  const to = Math.max(sel.endLine, ...used.map((d) => d.end_line));
  const refs = await queryRows<{ name: string; path: string; line: number }>(
    store.symbols.query().where(`is_def = false AND ${sqlIn('name', names)}`).select(['name', 'path', 'line']).limit(5000),
  );
  // Files that use each name (a file has a reference row per definition that uses it).
  const filesOf = new Map<string, Set<string>>();
  for (const r of refs) filesOf.set(r.name, (filesOf.get(r.name) ?? new Set()).add(r.path));
  const count = new Map([...filesOf].map(([name, files]) => [name, files.size]));
  // Other files first, then the rarer name (a selection holding several definitions), at most a few
  // sites per caller chunk kept looked up.
  const sites = refs
    .filter((r) => (count.get(r.name) ?? 0) <= MAX_REFERENCES_PER_NAME)
    .filter((r) => !(r.path === sel.path && r.line >= from && r.line <= to))
    .sort(
      (a, b) =>
        Number(a.path === sel.path) - Number(b.path === sel.path) ||
        (count.get(a.name) ?? 0) - (count.get(b.name) ?? 0) ||
        a.path.localeCompare(b.path) ||
        a.line - b.line,
    )
    .slice(0, MAX_CALLERS * 3);
  throwIfAborted(signal);
  // A one-word name (`get`, `parse`, `render`) referenced everywhere is mostly other objects' methods.
  const wide = [...count.entries()].filter(([name, files]) => files > MAX_REFERENCES_PER_NAME && splitIdentifier(name).length >= 2);
  const [chunks, widelyUsed, shared] = await Promise.all([holderChunks(store, sites), definedOnce(store, wide), sharedMethodNames(store, used)]);
  return { chunks: chunks.filter((c) => c.path === sel.path || callsThisOne(c.text, used, shared)).slice(0, MAX_CALLERS), widelyUsed };
}

/**
 * The selected methods whose name other definitions share (`process`, `get`, `render` of other
 * classes), each with its own type's name. Jekyll's `Site#process` had six "callers" of eight that
 * called their own `process`.
 */
async function sharedMethodNames(store: IndexStore, used: ReadonlyArray<{ name: string; container: string }>): Promise<Map<string, string>> {
  const methods = used.filter((d) => d.container);
  if (methods.length === 0) return new Map();
  const defs = await queryRows<{ name: string; container: string }>(
    store.symbols.query().where(`is_def = true AND ${sqlIn('name', methods.map((d) => d.name))}`).select(['name', 'container']).limit(2000),
  );
  const owners = new Map<string, Set<string>>();
  for (const d of defs) owners.set(d.name, (owners.get(d.name) ?? new Set()).add(d.container));
  return new Map(methods.filter((d) => (owners.get(d.name)?.size ?? 0) > 1).map((d) => [d.name, d.container]));
}

/**
 * Whether a chunk from another file that uses a selected name can mean the selected definition: a
 * name no other definition shares, or a method whose type the chunk names (`site.process(…)`,
 * `Site.new.process`, `new Site(…)`) — else it calls another type's namesake.
 */
function callsThisOne(text: string, used: ReadonlyArray<{ name: string }>, shared: ReadonlyMap<string, string>): boolean {
  const lower = text.toLowerCase();
  return used.some(({ name }) => {
    if (!text.includes(name)) return false;
    const owner = shared.get(name);
    return owner === undefined || lower.includes(owner.toLowerCase());
  });
}

/** The (name, files) pairs whose name the workspace defines in one place only. */
async function definedOnce(store: IndexStore, counts: ReadonlyArray<readonly [string, number]>): Promise<Array<{ name: string; files: number }>> {
  if (counts.length === 0) return [];
  const defs = await queryRows<{ name: string }>(
    store.symbols.query().where(`is_def = true AND ${sqlIn('name', counts.map(([name]) => name))}`).select(['name']).limit(1000),
  );
  const places = new Map<string, number>();
  for (const d of defs) places.set(d.name, (places.get(d.name) ?? 0) + 1);
  return counts.filter(([name]) => places.get(name) === 1).map(([name, files]) => ({ name, files }));
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

/**
 * The chunks a stack trace's frames sit in, innermost frame first: the function a frame names
 * (`Plot._plot`, or `_plot` matching `Plot._plot`) in the file its path resolves to, else the
 * smallest chunk holding its line (a frame's line is the reporter's version: the name comes first).
 */
export function frameChunks(
  frames: ReadonlyArray<{ path: string; line?: number; fn?: string }>,
  resolved: ReadonlyMap<string, readonly string[]>,
  chunks: readonly ChunkHit[],
): ChunkHit[] {
  const out: ChunkHit[] = [];
  for (const frame of frames) {
    for (const file of resolved.get(frame.path) ?? []) {
      const inFile = chunks.filter((r) => r.path === file);
      const fn = frame.fn && !frame.fn.startsWith('<') ? frame.fn : undefined;
      const byName = fn ? inFile.filter((r) => r.symbol === fn || r.symbol.endsWith(`.${fn}`) || fn.endsWith(`.${r.symbol}`)) : [];
      const byLine = frame.line === undefined ? [] : inFile.filter((r) => r.start_line <= frame.line! && r.end_line >= frame.line!);
      // Of several namesakes (a sync and an async twin, overloads, `render` of two classes), the one
      // holding the frame's line; the name first when none does (the reporter's version differs).
      const namedAtLine = byName.filter((r) => byLine.includes(r));
      const pool = namedAtLine.length > 0 ? namedAtLine : byName.length > 0 ? byName : byLine;
      const holder = [...pool].sort((a, b) => a.end_line - a.start_line - (b.end_line - b.start_line))[0];
      if (holder && !out.some((o) => o.id === holder.id)) out.push(holder);
    }
  }
  return out;
}

/** Folder names that say nothing about which package a file belongs to. */
const GENERIC_DIRS = new Set(['', '.', '..', '~', 'src', 'lib', 'lib64', 'usr', 'local', 'home', 'opt', 'bin', 'site-packages', 'dist-packages', 'app', 'code']);

/**
 * Where each frame of a stack trace is in the repository: the files its path resolves to or, when
 * the path resolves to none (the reporter runs another version: the module was renamed or moved),
 * the one file that defines the frame's function, if that file shares a package folder with the
 * frame's path (`…/site-packages/seaborn/_core.py in _lookup_single` → `seaborn/_oldcore.py`; a
 * library frame like `gevent/socket.py in recv` names no file of another package).
 */
export function locateFrames(
  frames: ReadonlyArray<{ path: string; fn?: string }>,
  resolved: ReadonlyMap<string, readonly string[]>,
  definitions: readonly ChunkHit[],
): Map<string, readonly string[]> {
  const located = new Map(resolved);
  for (const frame of frames) {
    if ((located.get(frame.path) ?? []).length > 0 || !frame.fn || frame.fn.startsWith('<')) continue;
    const name = frame.fn.split('.').pop() as string;
    const files = [...new Set(definitions.filter((r) => r.symbol === name || r.symbol.endsWith(`.${name}`)).map((r) => r.path))];
    if (files.length !== 1) continue;
    const frameDirs = new Set(frame.path.split(/[\\/]/).slice(0, -1).filter((d) => !GENERIC_DIRS.has(d) && !/^python\d/.test(d)));
    if ((files[0] as string).split('/').slice(0, -1).some((d) => frameDirs.has(d))) located.set(frame.path, files);
  }
  return located;
}
