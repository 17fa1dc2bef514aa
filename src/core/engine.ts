/**
 * The engine of one workspace folder: its index store, parser, indexer and retriever, built once
 * and shared by the extension, the CLI, the eval and the tests.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Config } from './config';
import { indexPaths, indexWorkspace, type IndexSummary } from './index/indexer';
import { IndexStore, type StoreCounts } from './index/store';
import type { Logger, ProgressCallback } from './log';
import { createFileParser } from './parse/parser';
import type { FileParser } from './parse/types';
import { ChunkEmbedder } from './embed/embedder';
import type { ModelClient } from './model/types';
import { createRetriever } from './retrieve/retriever';
import { standardToRow } from './retrieve/standardsCatalog';
import type { Retriever } from './retrieve/types';
import { loadStandards } from './standards/discover';
import { termsText } from './terms';

/** Saved files between two optimize() runs of the file-watcher path. */
const OPTIMIZE_EVERY = 50;

export interface EngineOptions {
  /** The workspace folder. */
  root: string;
  /** The index directory of this folder (see `indexDirFor`). */
  dbDir: string;
  config: Config;
  logger: Logger;
  /** Folder with web-tree-sitter.wasm, grammar .wasm files and queries/. */
  grammarDir: string;
  /** Parser worker threads (0 = parse in-process). */
  workers?: number;
  /** The bundled parser worker (dist/parseWorker.js), needed when workers > 0. */
  workerScript?: string;
  /** Run the parse workers as child processes with our V8 flags (the extension host: `nodeChild.ts`). */
  parseInProcesses?: boolean;
  /** Open an existing index for search only: no lock, nothing created or written. */
  readOnly?: boolean;
  /** The embedding model's client, when one is configured: adds dense retrieval. */
  embeddings?: ModelClient;
}

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: ProgressCallback;
}

export interface Engine {
  readonly root: string;
  readonly store: IndexStore;
  readonly retriever: Retriever;
  readonly readOnly: boolean;
  index(options?: RunOptions): Promise<IndexSummary>;
  /** Embeds the chunks that have no vector yet (after an index run made elsewhere); nothing without an embedding model. */
  embedMissing(options?: RunOptions): Promise<void>;
  /** Re-indexes a few changed/deleted files (the file watcher's path). */
  update(paths: readonly string[], options?: RunOptions): Promise<void>;
  counts(): Promise<StoreCounts>;
  close(): Promise<void>;
}

/** One index directory per workspace folder, named so that two folders never share one. */
export function indexDirFor(storageDir: string, root: string): string {
  const id = createHash('sha1').update(path.resolve(root)).digest('hex').slice(0, 12);
  const name = path.basename(root).replace(/[^A-Za-z0-9_.-]/g, '_') || 'root';
  return path.join(storageDir, 'indexes', `${name}-${id}`);
}

export async function openEngine(options: EngineOptions): Promise<Engine> {
  const { root, config, logger } = options;
  const store = await IndexStore.open(options.dbDir, path.resolve(root), logger, { readOnly: options.readOnly });
  let parser: FileParser | undefined;
  const getParser = () =>
    (parser ??= createFileParser({
      grammarDir: options.grammarDir, logger, workers: options.workers ?? 0, workerScript: options.workerScript, processes: options.parseInProcesses,
    }));
  const embedder = options.embeddings ? new ChunkEmbedder(store, options.embeddings, logger) : undefined;
  const retriever = createRetriever({ store, config, logger, vectors: embedder });
  // An index kept inside the folder it indexes (CLI --db) must not index itself.
  const ownDir = path.relative(path.resolve(root), path.resolve(options.dbDir)).split(path.sep).join('/');
  const exclude = ownDir && !ownDir.startsWith('..') ? [...config.index.exclude, `${ownDir}/**`] : config.index.exclude;
  const common = () => ({
    root,
    store,
    parser: getParser(),
    logger,
    exclude,
    maxFileBytes: config.index.maxFileSizeKB * 1024,
  });

  let updatedSinceOptimize = 0;
  const refreshStandards = async (signal?: AbortSignal) => {
    const standards = await loadStandards(root, config.standards.include, logger, signal);
    await store.replaceStandards(standards.map((s) => standardToRow(s, termsText(`${s.title} ${s.text}`))));
    retriever.invalidate();
  };

  return {
    root,
    store,
    retriever,
    readOnly: store.readOnly,
    async index(run = {}) {
      const summary = await indexWorkspace({ ...common(), signal: run.signal, onProgress: run.onProgress });
      await refreshStandards(run.signal);
      if (embedder) await embedder.embedMissing({ signal: run.signal, onProgress: run.onProgress });
      return summary;
    },
    async embedMissing(run = {}) {
      if (embedder) await embedder.embedMissing({ signal: run.signal, onProgress: run.onProgress });
    },
    async update(paths, run = {}) {
      await indexPaths(paths, { ...common(), signal: run.signal });
      if (paths.some(isStandardsPath)) await refreshStandards(run.signal);
      // New rows are searchable at once; folding them into the full-text indexes and reclaiming
      // old versions is batched, not paid on every save.
      updatedSinceOptimize += paths.length;
      if (updatedSinceOptimize >= OPTIMIZE_EVERY) {
        updatedSinceOptimize = 0;
        await store.optimize();
      }
      if (embedder) await embedder.embedMissing({ signal: run.signal });
    },
    counts: () => store.counts(),
    async close() {
      await parser?.dispose();
      await store.close();
    },
  };
}

function isStandardsPath(p: string): boolean {
  return /(^|\/)(\.groundwork|\.github|\.continue|\.cursor)\/|(^|\/)(AGENTS|CONTRIBUTING)\.md$/i.test(p) || p.endsWith('.md');
}
