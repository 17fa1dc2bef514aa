/**
 * The incremental indexer: workspace files → parsed chunks and symbols → the store.
 * A file whose mtime and size are unchanged is skipped without reading; one whose content hash is
 * unchanged is skipped without parsing; changed files are replaced; vanished files are removed.
 * Work counts as done only once its batch has been written.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { throwIfAborted } from '../errors';
import type { Logger, ProgressCallback } from '../log';
import { languageForPath } from '../parse/languages';
import type { FileParser, ParsedFile } from '../parse/types';
import { termsText } from '../terms';
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
  /** Files in the workspace that belong in the index. */
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
const PARSE_CONCURRENCY = 4;

export function sha1(data: string | Uint8Array): string {
  return createHash('sha1').update(data).digest('hex');
}

export async function indexWorkspace(options: IndexOptions): Promise<IndexSummary> {
  const { root, store, logger, signal } = options;
  const started = Date.now();
  let skipped = 0;
  const files = await listWorkspaceFiles(root, { exclude: options.exclude, maxFileBytes: options.maxFileBytes, signal, logger }, (s) => {
    skipped++;
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
  await store.optimize();
  await store.finishRun(true);
  const summary: IndexSummary = {
    files: files.length,
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
  const result: ProcessResult = { indexed: 0, unchanged: 0, skipped: 0 };
  let pending: FileUpdate[] = [];
  let pendingChunks = 0;
  let touched: FileRow[] = [];
  let done = doneBefore;

  const newFiles = new Set(files.filter((f) => !known.has(f.path)).map((f) => f.path));
  const flush = async () => {
    await store.replaceFiles(pending, newFiles);
    await store.touchFiles(touched);
    result.indexed += pending.length;
    result.unchanged += touched.length;
    done += pending.length + touched.length;
    pending = [];
    touched = [];
    pendingChunks = 0;
    options.onProgress?.({ done, total });
  };

  for (let i = 0; i < files.length; i += PARSE_CONCURRENCY) {
    throwIfAborted(signal);
    const group = files.slice(i, i + PARSE_CONCURRENCY);
    const outcomes = await Promise.all(group.map((f) => prepareFile(f, known.get(f.path), options)));
    for (const outcome of outcomes) {
      if (outcome.kind === 'skip') {
        result.skipped++;
        done++;
        logger.debug(`skip ${outcome.path}: ${outcome.reason}`);
        // Forget anything indexed earlier under this path.
        if (known.has(outcome.path)) await store.removeFiles([outcome.path]);
      } else if (outcome.kind === 'unchanged') {
        touched.push(outcome.row);
      } else {
        pending.push(outcome.update);
        pendingChunks += outcome.update.chunks.length;
      }
    }
    if (pending.length + touched.length >= BATCH_FILES || pendingChunks >= BATCH_CHUNKS) await flush();
  }
  await flush();
  return result;
}

type Outcome =
  | { kind: 'skip'; path: string; reason: string }
  | { kind: 'unchanged'; row: FileRow }
  | { kind: 'update'; update: FileUpdate };

async function prepareFile(file: WorkspaceFile, previous: FileRow | undefined, options: IndexOptions): Promise<Outcome> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file.absPath);
  } catch (err) {
    return { kind: 'skip', path: file.path, reason: `cannot read: ${(err as Error).message}` };
  }
  const hash = sha1(bytes);
  const language = languageForPath(file.path) ?? 'text';
  const row: FileRow = { path: file.path, hash, mtime_ms: file.mtimeMs, size: file.size, language, chunks: previous?.chunks ?? 0 };
  const decoded = decodeSource(bytes);
  if ('reason' in decoded) return { kind: 'skip', path: file.path, reason: decoded.reason };
  // The touched row is rewritten whole: it carries its search columns again (cheap next to parsing).
  if (previous && previous.hash === hash) return { kind: 'unchanged', row: { ...row, ...fileTerms(file.path, decoded.text) } };
  let parsed: ParsedFile;
  try {
    parsed = await options.parser.parse(file.path, decoded.text, options.signal);
  } catch (err) {
    throwIfAborted(options.signal);
    return { kind: 'skip', path: file.path, reason: `parser failed: ${(err as Error).message}` };
  }
  for (const w of parsed.warnings) options.logger.debug(`${file.path}: ${w}`);
  return { kind: 'update', update: toRows(file.path, hash, { ...row, ...fileTerms(file.path, decoded.text) }, parsed) };
}

/** The files row's search columns: whole-file terms (file-level BM25) and the path's terms. */
export function fileTerms(path: string, text: string): { terms: string; head: string } {
  return { terms: termsText(text), head: pathTermsText(path) };
}

/** `src/_pytest/tmpdir.py` → `src pytest tmpdir`: the path without its extension, identifier-split. */
function pathTermsText(path: string): string {
  return termsText(path.replace(/\.[^./]+$/, ''));
}

export function toRows(path: string, fileHash: string, file: FileRow, parsed: ParsedFile): FileUpdate {
  const pathTerms = pathTermsText(path);
  const chunks: ChunkRow[] = parsed.chunks.map((c) => ({
    id: sha1(`${path}:${c.startLine}-${c.endLine}:${c.symbol}`).slice(0, 16),
    path,
    language: parsed.language,
    kind: c.kind,
    symbol: c.symbol,
    container: c.container ?? '',
    start_line: c.startLine,
    end_line: c.endLine,
    text: c.text,
    terms: termsText(c.text),
    head: `${pathTerms} ${termsText(c.symbol)}`,
    file_hash: fileHash,
    chunk_hash: sha1(c.text),
  }));
  const seenRefs = new Set<string>();
  const symbols: SymbolRow[] = parsed.symbols.map((s) => ({
    name: s.name, kind: s.kind, path, line: s.line, end_line: s.endLine, container: s.container ?? '', is_def: true,
  }));
  for (const r of parsed.references) {
    if (seenRefs.has(r.name)) continue;
    seenRefs.add(r.name);
    symbols.push({ name: r.name, kind: 'reference', path, line: r.line, end_line: r.line, container: '', is_def: false });
  }
  return { file: { ...file, language: parsed.language, chunks: chunks.length }, chunks, symbols };
}
