/**
 * The incremental indexer: workspace files → parsed chunks and symbols → the store.
 * A file whose mtime and size are unchanged is skipped without reading; one whose content hash is
 * unchanged is skipped without parsing; changed files are replaced; vanished files are removed.
 * Work counts as done only once its batch has been written.
 */
import { getMaxListeners, setMaxListeners } from 'node:events';
import { readFileSync } from 'node:fs';
import { throwIfAborted } from '../errors';
import type { Logger, ProgressCallback } from '../log';
import { languageForPath } from '../parse/languages';
import { contentHash, pathTerms, searchTerms } from '../parse/searchTerms';
import type { FileParser, ParsedFile, SearchTerms } from '../parse/types';
import { TermCache } from '../terms';
import { decodeSource, listWorkspaceFiles, statWorkspaceFiles, type WorkspaceFile } from '../workspace/files';
import type { ChunkRow, FileRow, SymbolRow } from './schema';
import type { FileUpdate, IndexStore } from './store';

export interface IndexOptions {
  root: string;
  store: IndexStore;
  parser: FileParser;
  logger: Logger;
  exclude?: readonly string[];
  maxFileBytes?: number;
  signal?: AbortSignal;
  onProgress?: ProgressCallback;
}

export interface IndexSummary {
  /** Every file seen: indexed + unchanged + skipped (whether the listing skipped it or its content did). */
  files: number;
  /** Files parsed and (re)written this run. */
  indexed: number;
  unchanged: number;
  removed: number;
  skipped: number;
  chunks: number;
  durationMs: number;
}

const BATCH_FILES = 200;
const BATCH_CHUNKS = 5000;
/** Characters of text and terms per batch: a batch of large files is written early (its Arrow buffers are the peak memory). */
const BATCH_CHARS = 6_000_000;
/** Files (and bytes) read and parsed ahead of the one being batched: enough to fill every parse worker's pipeline. */
const IN_FLIGHT_FILES = 48;
const IN_FLIGHT_BYTES = 1024 * 1024;
/** Source characters whose parse results a run keeps for files with the same content (`RecentParses`). */
const RECENT_PARSE_CHARS = 1_000_000;

/**
 * The parse results of the files most recently sent to the parser, by content hash and language,
 * for a later file with the same content: it takes them with its own path instead of being parsed
 * again. Copies of one file are common where packages or fixtures are vendored; in the bench corpus
 * (a `node_modules`) 2,036 of 13,318 files repeat another, 1,690 of them within 1 MB of source of
 * their first copy in walk order (1,900 within 4 MB, which raised the peak RSS by ~30–50 MB).
 * Kept while their sources add up to `RECENT_PARSE_CHARS`.
 */
class RecentParses {
  private readonly entries = new Map<string, { path: string; parsed: Promise<ParsedFile>; chars: number }>();
  private chars = 0;
  reused = 0;

  get(key: string): { path: string; parsed: Promise<ParsedFile> } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key); // most recently used last
    this.entries.set(key, entry);
    return entry;
  }

  put(key: string, path: string, parsed: Promise<ParsedFile>, chars: number): void {
    if (chars > RECENT_PARSE_CHARS / 4) return;
    this.entries.set(key, { path, parsed, chars });
    this.chars += chars;
    for (const [oldest, entry] of this.entries) {
      if (this.chars <= RECENT_PARSE_CHARS) break;
      this.entries.delete(oldest);
      this.chars -= entry.chars;
    }
  }
}

export async function indexWorkspace(options: IndexOptions): Promise<IndexSummary> {
  const { root, store, logger, signal } = options;
  const started = Date.now();
  let skipped = 0;
  let listedSkipped = 0;
  const files = await listWorkspaceFiles(root, { exclude: options.exclude, maxFileBytes: options.maxFileBytes, signal, logger }, (s) => {
    skipped++;
    listedSkipped++;
    logger.debug(`skip ${s.path}: ${s.reason}`);
  });
  await store.startRun();
  const known = await store.fileStates();
  const present = new Set(files.map((f) => f.path));
  const removed = [...known.keys()].filter((p) => !present.has(p));
  await store.removeFiles(removed);

  const candidates = files.filter((f) => {
    const row = known.get(f.path);
    return !row || row.mtime_ms !== f.mtimeMs || row.size !== f.size;
  });
  const unchangedByStat = files.length - candidates.length;
  options.onProgress?.({ done: unchangedByStat, total: files.length, message: `${candidates.length} files to check` });

  const result = await processFiles(candidates, known, options, unchangedByStat, files.length);
  skipped += result.skipped;
  // The parse workers' memory is not needed while the indexes are built (the peak of a run).
  await options.parser.release?.();
  await store.optimize();
  await store.finishRun(true);
  const summary: IndexSummary = {
    // Every file seen: indexed + unchanged + skipped (those the listing skipped and those skipped once read).
    files: files.length + listedSkipped,
    indexed: result.indexed,
    unchanged: unchangedByStat + result.unchanged,
    removed: removed.length,
    skipped,
    chunks: (await store.counts()).chunks,
    durationMs: Date.now() - started,
  };
  logger.info(
    `Indexed ${summary.indexed} files (${summary.unchanged} unchanged, ${summary.removed} removed, ${summary.skipped} skipped) in ${summary.durationMs} ms`,
  );
  return summary;
}

/** Re-indexes the given workspace-relative paths (saved, created, deleted or renamed files). */
export async function indexPaths(paths: readonly string[], options: IndexOptions): Promise<void> {
  const { root, store } = options;
  const files = await statWorkspaceFiles(root, paths, { exclude: options.exclude, maxFileBytes: options.maxFileBytes, signal: options.signal });
  const present = new Set(files.map((f) => f.path));
  // Deleted, renamed away, or no longer indexable (ignored, grown too large): forget it.
  await store.removeFiles(paths.filter((p) => !present.has(p)));
  const known = await store.fileStates(files.map((f) => f.path));
  await store.startRun();
  await processFiles(files, known, options, 0, files.length);
  await store.finishRun(false);
}

interface ProcessResult {
  indexed: number;
  unchanged: number;
  skipped: number;
}

async function processFiles(
  files: readonly WorkspaceFile[],
  known: Map<string, FileRow>,
  options: IndexOptions,
  doneBefore: number,
  total: number,
): Promise<ProcessResult> {
  const { store, signal, logger } = options;
  // Each file in flight listens for the abort: more than Node's default 10 listeners print a leak warning.
  if (signal && getMaxListeners(signal) < IN_FLIGHT_FILES + 10) setMaxListeners(IN_FLIGHT_FILES + 10, signal);
  const result: ProcessResult = { indexed: 0, unchanged: 0, skipped: 0 };
  const recent = new RecentParses();
  const newFiles = new Set(files.filter((f) => !known.has(f.path)).map((f) => f.path));
  let batch = emptyBatch();
  let done = doneBefore;

  const write = async (b: Batch) => {
    // Forget anything indexed earlier under a path that is now skipped.
    await store.removeFiles(b.removed);
    await store.replaceFiles(b.updates, newFiles);
    await store.touchFiles(b.touched);
    result.indexed += b.updates.length;
    result.unchanged += b.touched.length;
    done += b.updates.length + b.touched.length + b.skipped;
    options.onProgress?.({ done, total });
  };

  // Files are read and parsed ahead while the previous batch is being written, so the parse
  // workers never wait for the store (or for this thread) between files.
  const inFlight: Array<{ size: number; outcome: Promise<Outcome> }> = [];
  let inFlightBytes = 0;
  let next = 0;
  const refill = () => {
    while (next < files.length && inFlight.length < IN_FLIGHT_FILES && (inFlight.length === 0 || inFlightBytes < IN_FLIGHT_BYTES)) {
      const file = files[next++] as WorkspaceFile;
      inFlight.push({ size: file.size, outcome: prepareFile(file, known.get(file.path), options, recent) });
      inFlightBytes += file.size;
    }
  };
  let writing: Promise<void> = Promise.resolve();
  try {
    refill();
    while (inFlight.length > 0) {
      const head = inFlight.shift() as { size: number; outcome: Promise<Outcome> };
      inFlightBytes -= head.size;
      const outcome = await head.outcome;
      throwIfAborted(signal);
      refill();
      if (outcome.kind === 'skip') {
        result.skipped++;
        batch.skipped++;
        logger.debug(`skip ${outcome.path}: ${outcome.reason}`);
        if (known.has(outcome.path)) batch.removed.push(outcome.path);
      } else if (outcome.kind === 'unchanged') {
        batch.touched.push(outcome.row);
      } else {
        batch.updates.push(outcome.update);
        batch.chunks += outcome.update.chunks.length;
        batch.chars += updateChars(outcome.update);
      }
      if (batch.updates.length + batch.touched.length >= BATCH_FILES || batch.chunks >= BATCH_CHUNKS || batch.chars >= BATCH_CHARS) {
        await writing;
        writing = write(batch);
        // Observed now, awaited before the next write: a failure surfaces there, never unhandled.
        writing.catch(() => undefined);
        batch = emptyBatch();
      }
    }
    await writing;
    await write(batch);
    if (recent.reused > 0) logger.debug(`${recent.reused} files had the content of another file: parsed once`);
  } finally {
    // Never leave a write running behind an abort or a failure: the caller may close the store.
    await writing.catch(() => undefined);
    await Promise.allSettled(inFlight.map((f) => f.outcome));
  }
  return result;
}

interface Batch {
  updates: FileUpdate[];
  touched: FileRow[];
  removed: string[];
  skipped: number;
  chunks: number;
  chars: number;
}

function emptyBatch(): Batch {
  return { updates: [], touched: [], removed: [], skipped: 0, chunks: 0, chars: 0 };
}

function updateChars(u: FileUpdate): number {
  return u.chunks.reduce((n, c) => n + c.text.length + c.terms.length, u.file.terms?.length ?? 0);
}

type Outcome =
  | { kind: 'skip'; path: string; reason: string }
  | { kind: 'unchanged'; row: FileRow }
  | { kind: 'update'; update: FileUpdate };

async function prepareFile(file: WorkspaceFile, previous: FileRow | undefined, options: IndexOptions, recent?: RecentParses): Promise<Outcome> {
  let bytes: Uint8Array;
  try {
    // Synchronous on purpose: files are capped at maxFileBytes and read in ~10 µs each, where
    // fs.promises.readFile cost ~7× the CPU in open/stat/read/close round trips (~4 s of a cold
    // index's main thread on 13k files).
    bytes = readFileSync(file.absPath);
  } catch (err) {
    return { kind: 'skip', path: file.path, reason: `cannot read: ${(err as Error).message}` };
  }
  const hash = contentHash(bytes);
  const language = languageForPath(file.path) ?? 'text';
  const row: FileRow = { path: file.path, hash, mtime_ms: file.mtimeMs, size: file.size, language, chunks: previous?.chunks ?? 0 };
  const decoded = decodeSource(bytes);
  if ('reason' in decoded) return { kind: 'skip', path: file.path, reason: decoded.reason };
  // The touched row is rewritten whole: it carries its search columns again (cheap next to parsing).
  // Same content, same language: the parsed one (a `.h` header read as C++ is `cpp`, not its path's `c`).
  if (previous && previous.hash === hash) {
    return { kind: 'unchanged', row: { ...row, language: previous.language, ...fileTerms(file.path, decoded.text) } };
  }
  let parsed: ParsedFile;
  try {
    parsed = await parseOnce(file.path, decoded.text, `${hash}:${language}`, options, recent);
  } catch (err) {
    throwIfAborted(options.signal);
    return { kind: 'skip', path: file.path, reason: `parser failed: ${(err as Error).message}` };
  }
  for (const w of parsed.warnings) options.logger.debug(`${file.path}: ${w}`);
  // Parsers attach the search columns; compute them here for one that did not (a fallback).
  const search = parsed.search ?? searchTerms(parsed, file.path, decoded.text, new TermCache());
  return { kind: 'update', update: toRows(file.path, hash, { ...row, terms: search.file, head: search.path }, parsed, search) };
}

/** The parse of `text`: a recent file's with the same content, moved to `path`, or a new one. */
async function parseOnce(path: string, text: string, key: string, options: IndexOptions, recent?: RecentParses): Promise<ParsedFile> {
  const twin = recent?.get(key);
  if (twin) {
    try {
      const parsed = movedTo(await twin.parsed, twin.path, path);
      (recent as RecentParses).reused++;
      return parsed;
    } catch {
      throwIfAborted(options.signal); // the twin's parse failed: this file gets its own
    }
  }
  const parsing = options.parser.parse(path, text, options.signal);
  recent?.put(key, path, parsing, text.length);
  return parsing;
}

/**
 * A parse result of the file at `from` for the same content at `to`: the chunks, symbols and
 * text terms are the content's; the path's terms (the files row's and each chunk's `head`) and the
 * warnings name the path.
 */
function movedTo(parsed: ParsedFile, from: string, to: string): ParsedFile {
  const warnings = parsed.warnings.map((w) => w.split(from).join(to));
  if (!parsed.search) return { ...parsed, warnings };
  const oldHead = parsed.search.path;
  const head = pathTerms(to, new TermCache());
  const heads = parsed.search.heads.map((h) => (h.startsWith(oldHead) ? head + h.slice(oldHead.length) : h));
  return { ...parsed, warnings, search: { ...parsed.search, path: head, heads } };
}

/** The files row's search columns: whole-file terms (file-level BM25) and the path's terms. */
function fileTerms(path: string, text: string): { terms: string; head: string } {
  const cache = new TermCache();
  return { terms: cache.termsText(text), head: pathTerms(path, cache) };
}

function toRows(path: string, fileHash: string, file: FileRow, parsed: ParsedFile, search: SearchTerms): FileUpdate {
  const chunks: ChunkRow[] = parsed.chunks.map((c, i) => ({
    id: contentHash(`${path}:${c.startLine}-${c.endLine}:${c.symbol}`).slice(0, 16),
    path,
    language: parsed.language,
    kind: c.kind,
    symbol: c.symbol,
    container: c.container ?? '',
    start_line: c.startLine,
    end_line: c.endLine,
    text: c.text,
    terms: search.chunks[i] as string,
    head: search.heads[i] as string,
    file_hash: fileHash,
    chunk_hash: search.chunkHashes[i] as string,
  }));
  const symbols: SymbolRow[] = parsed.symbols.map((s) => ({
    name: s.name, kind: s.kind, path, line: s.line, end_line: s.endLine, container: s.container ?? '', is_def: true,
  }));
  for (const r of parsed.references) {
    symbols.push({ name: r.name, kind: 'reference', path, line: r.line, end_line: r.line, container: '', is_def: false });
  }
  return { file: { ...file, language: parsed.language, chunks: chunks.length }, chunks, symbols };
}
