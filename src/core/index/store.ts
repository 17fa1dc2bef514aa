/**
 * The LanceDB store of one workspace folder: tables chunks, symbols, files and standards.
 * One store (one connection, one handle per table) per index directory; everything that reads
 * or writes the index goes through it so that no handle goes stale.
 */
import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Connection, Table } from '@lancedb/lancedb';
import type { Schema } from 'apache-arrow';
import { IndexError } from '../errors';
import type { Logger } from '../log';
import { tryAcquireWriteLock, type WriteLock } from './lock';
import { arrowTable, plainRows } from './rows';
import {
  CHUNKER_VERSION, SCHEMA_VERSION, TABLE_NAMES, sqlIn, tableSchemas, type ArrowModule,
  type ChunkRow, type FileRow, type StandardRow, type SymbolRow, type TableName,
} from './schema';

type LanceModule = typeof import('@lancedb/lancedb');

/** The native table behind LanceDB's `Table` (0.31: `inner`), for `addRows`. */
interface NativeTable {
  add(ipcFile: Buffer, mode: 'append' | 'overwrite'): Promise<unknown>;
}

interface Meta {
  schemaVersion: number;
  chunkerVersion: number;
  root: string;
}

export interface FileUpdate {
  file: FileRow;
  chunks: ChunkRow[];
  symbols: SymbolRow[];
}

export interface StoreCounts {
  files: number;
  chunks: number;
  symbols: number;
  standards: number;
}

const RUN_MARKER = 'run.inprogress';

const FTS_COLUMNS: Partial<Record<TableName, readonly string[]>> = { chunks: ['terms', 'head'], files: ['terms', 'head'], standards: ['terms'] };
/**
 * The terms are identifier-split, lower-case ASCII, stemmed and without stop words already
 * (`terms.ts` `searchText`), in the columns and in every query: the tokenizer only splits at spaces
 * (and drops over-long tokens). Stemming here cost 55 % of each full-text index build, the other
 * filters ~20 % of the rest.
 */
const FTS_OPTIONS = {
  withPosition: false, baseTokenizer: 'whitespace' as const, lowercase: false, stem: false, removeStopWords: false, asciiFolding: false, maxTokenLength: 40,
};

const SCALAR_COLUMNS: Partial<Record<TableName, readonly string[]>> = { chunks: ['path', 'chunk_hash', 'id'], symbols: ['name', 'path'], files: ['path'] };

export class IndexStore {
  private constructor(
    readonly dir: string,
    private readonly lance: LanceModule,
    /** The Arrow module, loaded with LanceDB (for schemas of extra tables). */
    readonly arrow: ArrowModule,
    /** Schemas of the four index tables: rows are written as Arrow columns of these. */
    private readonly schemas: Record<TableName, Schema>,
    private readonly db: Connection,
    private readonly tables: Record<TableName, Table>,
    private readonly lock: WriteLock | undefined,
    /** True when the previous index was thrown away (version change or corruption). */
    readonly rebuilt: boolean,
    /** True when the last write run did not finish (killed mid-index). */
    private interrupted: boolean,
  ) {}

  /** True when another process holds the write lock: this store only reads. */
  get readOnly(): boolean {
    return this.lock === undefined;
  }

  /** `readOnly` opens without taking the write lock and never creates anything (untrusted workspaces). */
  static async open(dir: string, root: string, logger: Logger, options: { readOnly?: boolean } = {}): Promise<IndexStore> {
    if (options.readOnly && !(await readIndexRoot(dir))) throw new IndexError('No index has been built for this folder yet.');
    await fs.mkdir(dir, { recursive: true });
    // LanceDB sizes its thread pool from the CPU count; on 2 CPUs building a full-text index of
    // ~100k rows deadlocks (seen repeatedly here). Four threads or more avoid it. Must be set
    // before the native module loads.
    process.env.LANCE_CPU_THREADS ??= String(Math.max(4, os.availableParallelism()));
    // Lazy: importing LanceDB and Arrow costs 200–500 ms, never paid during activation.
    const lance = await import('@lancedb/lancedb');
    // The Arrow copy LanceDB itself requires (CommonJS): a table built with another copy (the ESM
    // build, under vitest) fails LanceDB's schema checks on `add`.
    const arrow = createRequire(__filename)('apache-arrow') as ArrowModule;
    const lock = options.readOnly ? undefined : await tryAcquireWriteLock(dir);
    if (!lock && !options.readOnly) logger.warn(`Index ${dir} is being written by another process; opening it read-only.`);
    let rebuilt = false;
    try {
      if (lock && !(await metaMatches(dir, root))) {
        rebuilt = await wipeTables(dir);
        if (rebuilt) logger.info('Index format changed: rebuilding it.');
      }
      const db = await lance.connect(path.join(dir, 'lance'));
      const schemas = tableSchemas(arrow);
      const tables = await openTables(db, schemas, lock !== undefined);
      if (lock) await writeMeta(dir, root);
      const interrupted = await fs.stat(path.join(dir, RUN_MARKER)).then(() => true, () => false);
      if (interrupted && lock) logger.info('The last indexing run did not finish; this run checks every file it writes.');
      return new IndexStore(dir, lance, arrow, schemas, db, tables, lock, rebuilt, interrupted);
    } catch (err) {
      await lock?.release();
      throw new IndexError(`Cannot open the index at ${dir}: ${(err as Error).message}`, { cause: err });
    }
  }

  get chunks(): Table { return this.tables.chunks; }
  get symbols(): Table { return this.tables.symbols; }
  get standards(): Table { return this.tables.standards; }
  /** The files table (one row per file, whole-file terms for file-level search); written only through this store. */
  get files(): Table { return this.tables.files; }
  get lancedb(): LanceModule { return this.lance; }

  /** Tables beyond the fixed four (embedding caches): names, open, create. */
  tableNames(): Promise<string[]> {
    return this.db.tableNames();
  }

  openTable(name: string): Promise<Table> {
    return this.db.openTable(name);
  }

  async createTable(name: string, schema: Schema): Promise<Table> {
    this.assertWritable();
    return this.db.createEmptyTable(name, schema, { existOk: true });
  }

  /** Recorded state of every file (or of `paths` only). */
  async fileStates(paths?: readonly string[]): Promise<Map<string, FileRow>> {
    const out = new Map<string, FileRow>();
    if (paths && paths.length === 0) return out;
    const query = paths ? this.tables.files.query().where(sqlIn('path', paths)) : this.tables.files.query();
    for await (const batch of query.select(['path', 'hash', 'mtime_ms', 'size', 'language', 'chunks'])) {
      for (const row of plainRows<FileRow>(batch)) out.set(row.path, row);
    }
    return out;
  }

  /**
   * Replaces the rows of the given files. The files rows go first and come back last, so a process
   * killed half-way leaves those files unrecorded and the next run indexes them again.
   */
  async replaceFiles(updates: readonly FileUpdate[], newFiles: ReadonlySet<string> = new Set()): Promise<void> {
    this.assertWritable();
    if (updates.length === 0) return;
    // Deleting scans the table: skip it for files never indexed, unless a run was interrupted
    // (then rows may exist without their files row, and every path is cleared first).
    const paths = updates.map((u) => u.file.path).filter((p) => this.interrupted || !newFiles.has(p));
    await this.deleteIn('files', paths);
    await this.deleteIn('chunks', paths);
    await this.deleteIn('symbols', paths);
    const chunks = updates.flatMap((u) => u.chunks);
    const symbols = updates.flatMap((u) => u.symbols);
    if (chunks.length) await this.addRows('chunks', chunks);
    if (symbols.length) await this.addRows('symbols', symbols);
    await this.addRows('files', updates.map((u) => fileRecord(u.file)));
  }

  /**
   * Updates the recorded mtime/size of files whose content did not change. The rows are rewritten
   * whole, so they must carry their search columns (`terms`, `head`) again.
   */
  async touchFiles(rows: readonly FileRow[]): Promise<void> {
    this.assertWritable();
    if (rows.length === 0) return;
    await this.deleteIn('files', rows.map((r) => r.path));
    await this.addRows('files', rows.map(fileRecord));
  }

  /**
   * Marks a write run as under way; `finishRun()` clears the mark. A mark found at open means the
   * last run was killed: `interrupted` stays true until a run finishes.
   */
  async startRun(): Promise<void> {
    this.assertWritable();
    await fs.writeFile(path.join(this.dir, RUN_MARKER), String(process.pid));
  }

  /**
   * `complete`: the run visited every file, so rows left by an interrupted run are gone. A partial
   * run (a few saved files) leaves an earlier interruption's mark in place.
   */
  async finishRun(complete: boolean): Promise<void> {
    if (this.interrupted && !complete) return;
    await fs.rm(path.join(this.dir, RUN_MARKER), { force: true });
    this.interrupted = false;
  }

  async removeFiles(paths: readonly string[]): Promise<void> {
    this.assertWritable();
    if (paths.length === 0) return;
    await this.deleteIn('files', paths);
    await this.deleteIn('chunks', paths);
    await this.deleteIn('symbols', paths);
  }

  async replaceStandards(rows: readonly StandardRow[]): Promise<void> {
    this.assertWritable();
    await this.tables.standards.delete('true');
    if (rows.length) await this.addRows('standards', rows);
  }

  /**
   * Compacts each table, reclaims old versions, folds new rows into existing indexes and creates
   * the full-text and B-tree indexes where missing. Compacting before a first index build means it
   * is built once, on the compacted fragments. One table at a time: side by side took ~1.3 s off
   * a cold index of the 78 MB bench corpus, but the run's memory peak is here, and it rose from
   * 543–564 MB to 554–609 MB (three runs each, session 3), over the 600 MB budget.
   */
  async optimize(): Promise<void> {
    this.assertWritable();
    const olderThan = new Date(Date.now() - 1000);
    for (const name of Object.keys(this.tables) as TableName[]) {
      const table = this.tables[name];
      await table.optimize({ cleanupOlderThan: olderThan, deleteUnverified: true });
      if ((await table.countRows()) === 0) continue;
      const existing = new Set((await table.listIndices()).map((i) => i.columns[0]));
      for (const column of FTS_COLUMNS[name] ?? []) {
        if (!existing.has(column)) await table.createIndex(column, { config: this.lance.Index.fts(FTS_OPTIONS), replace: true });
      }
      // B-tree indexes for the IN / = filters of definition, path and vector-hit lookups.
      for (const column of SCALAR_COLUMNS[name] ?? []) {
        if (!existing.has(column)) await table.createIndex(column, { config: this.lance.Index.btree(), replace: true });
      }
    }
  }

  /**
   * Appends rows to one of the index tables, as Arrow columns of the table's schema. Our tables
   * have no embedding functions, and the rows are built to the table's schema: the Arrow IPC bytes
   * go to LanceDB's native `add` as they are. Its public `add` reads the table's schema back from
   * the native side, checks the table against it and copies the IPC bytes once more (~0.6 s of
   * the indexer's thread on the 78 MB bench corpus); it is the fallback if a LanceDB version has
   * no such native method.
   */
  private async addRows(name: TableName, rows: ReadonlyArray<object>): Promise<void> {
    const table = arrowTable(this.arrow, this.schemas[name], rows);
    const native = (this.tables[name] as unknown as { inner?: NativeTable }).inner;
    if (typeof native?.add !== 'function') {
      await this.tables[name].add(table);
      return;
    }
    const ipc = this.arrow.tableToIPC(table, 'file');
    await native.add(Buffer.from(ipc.buffer, ipc.byteOffset, ipc.byteLength), 'append');
  }

  async counts(): Promise<StoreCounts> {
    const [files, chunks, symbols, standards] = await Promise.all([
      this.tables.files.countRows(),
      this.tables.chunks.countRows(),
      this.tables.symbols.countRows('is_def = true'),
      this.tables.standards.countRows(),
    ]);
    return { files, chunks, symbols, standards };
  }

  /** Sees writes made by another process (read-only stores). */
  async refresh(): Promise<void> {
    await Promise.all(Object.values(this.tables).map((t) => t.checkoutLatest()));
  }

  async close(): Promise<void> {
    for (const table of Object.values(this.tables)) table.close();
    this.db.close();
    await this.lock?.release();
  }

  private async deleteIn(table: TableName, paths: readonly string[]): Promise<void> {
    // Keep filters a reasonable size.
    for (let i = 0; i < paths.length; i += 500) {
      await this.tables[table].delete(sqlIn('path', paths.slice(i, i + 500)));
    }
  }

  private assertWritable(): void {
    if (!this.lock) throw new IndexError('The index is open read-only: another window or process is writing it.');
  }
}

/** A files row with every column present (the search columns are empty when the caller has none). */
function fileRecord(row: FileRow): Required<FileRow> {
  return { ...row, terms: row.terms ?? '', head: row.head ?? '' };
}

async function openTables(db: Connection, schemas: Record<TableName, Schema>, writable: boolean): Promise<Record<TableName, Table>> {
  const names = new Set(await db.tableNames());
  const out = {} as Record<TableName, Table>;
  for (const name of TABLE_NAMES) {
    if (names.has(name)) out[name] = await db.openTable(name);
    else if (writable) out[name] = await db.createEmptyTable(name, schemas[name]);
    else throw new IndexError('The index has not been built yet.');
  }
  return out;
}

/** The folder an index directory was built for, if it has been built. */
export async function readIndexRoot(dir: string): Promise<string | undefined> {
  try {
    return (JSON.parse(await fs.readFile(path.join(dir, 'meta.json'), 'utf8')) as Meta).root;
  } catch {
    return undefined; // not built yet
  }
}

async function metaMatches(dir: string, root: string): Promise<boolean> {
  try {
    const meta = JSON.parse(await fs.readFile(path.join(dir, 'meta.json'), 'utf8')) as Meta;
    return meta.schemaVersion === SCHEMA_VERSION && meta.chunkerVersion === CHUNKER_VERSION && meta.root === root;
  } catch {
    return false; // no meta yet, or unreadable: treat as a new index
  }
}

async function writeMeta(dir: string, root: string): Promise<void> {
  const meta: Meta = { schemaVersion: SCHEMA_VERSION, chunkerVersion: CHUNKER_VERSION, root };
  const tmp = path.join(dir, 'meta.json.tmp');
  await fs.writeFile(tmp, JSON.stringify(meta, null, 2));
  await fs.rename(tmp, path.join(dir, 'meta.json'));
}

/** Removes the tables; returns true when there was something to remove. */
async function wipeTables(dir: string): Promise<boolean> {
  const lanceDir = path.join(dir, 'lance');
  const existed = await fs.stat(lanceDir).then(() => true, () => false);
  await fs.rm(lanceDir, { recursive: true, force: true });
  return existed;
}
