/**
 * One engine per workspace folder, opened lazily (LanceDB is loaded on first use, not during
 * activation). Runs full re-indexes with a cancellable progress notification and keeps the index
 * current from a file watcher. Publishes its state for the status bar.
 */
import path from 'node:path';
import * as vscode from 'vscode';
import type { Config } from '../core/config';
import { indexDirFor, openEngine, type Engine } from '../core/engine';
import { childWorkers, indexInChild } from '../core/index/childIndex';
import { heldByOther } from '../core/index/lock';
import { errorMessage, isAbortError } from '../core/errors';
import type { Logger } from '../core/log';
import type { StoreCounts } from '../core/index/store';
import { toAbortSignal } from './cancellation';
import { DisposableStore } from './disposable';
import { formatCount } from './statusBar';
import type { ModelProvider } from './services';
import type { ModelClient } from '../core/model/types';

export type IndexState =
  | { kind: 'idle' }
  | { kind: 'indexing'; done: number; total: number }
  | { kind: 'ready'; counts: StoreCounts; readOnly: boolean }
  | { kind: 'error'; message: string }
  | { kind: 'disabled'; reason: string };

const WATCH_DEBOUNCE_MS = 150;

export class IndexManager extends DisposableStore {
  private readonly engines = new Map<string, Promise<Engine>>();
  /** Folders whose index a child process is writing now. */
  private readonly childRuns = new Set<string>();
  private readonly stateEmitter = this.register(new vscode.EventEmitter<IndexState>());
  readonly onDidChangeState = this.stateEmitter.event;
  private currentState: IndexState = { kind: 'idle' };
  private running: Promise<void> | undefined;
  private pending = new Map<string, Set<string>>();
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly storageDir: string,
    private readonly extensionDir: string,
    private config: Config,
    private readonly logger: Logger,
    private readonly models: ModelProvider,
  ) {
    super();
    const watcher = this.register(vscode.workspace.createFileSystemWatcher('**/*'));
    const onChange = (uri: vscode.Uri) => this.queueUpdate(uri);
    this.register(watcher.onDidChange(onChange));
    this.register(watcher.onDidCreate(onChange));
    this.register(watcher.onDidDelete(onChange));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reindexAll()));
  }

  get state(): IndexState {
    return this.currentState;
  }

  /** The engine of the folder holding `uri` (the first folder when undefined). */
  async engineFor(uri?: vscode.Uri): Promise<Engine | undefined> {
    const folder = uri ? vscode.workspace.getWorkspaceFolder(uri) : vscode.workspace.workspaceFolders?.[0];
    return folder ? this.open(folder) : undefined;
  }

  async allEngines(): Promise<Engine[]> {
    return Promise.all((vscode.workspace.workspaceFolders ?? []).map((f) => this.open(f)));
  }

  updateConfig(config: Config): void {
    this.config = config;
    void this.closeAll().then(() => this.reindexAll());
  }

  /** Re-indexes every folder with a progress notification; a second call while running joins the first. */
  reindexAll(): Promise<void> {
    if (!this.config.index.enabled) {
      this.setState({ kind: 'disabled', reason: 'groundwork.index.enabled is off' });
      return Promise.resolve();
    }
    if (!vscode.workspace.isTrusted) return this.showExisting('Untrusted workspace: the index is read-only.');
    this.running ??= this.runReindex().finally(() => (this.running = undefined));
    return this.running;
  }

  private async runReindex(): Promise<void> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 0) {
      this.setState({ kind: 'disabled', reason: 'no folder is open' });
      return;
    }
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Groundwork: indexing', cancellable: true },
      async (progress, token) => {
        const { signal, dispose } = toAbortSignal(token);
        try {
          let reported = 0;
          for (const folder of folders) {
            const onProgress = ({ done, total }: { done: number; total: number }) => {
              const pct = total ? (done / total) * 100 : 100;
              progress.report({ message: `${folder.name}: ${formatCount(done)}/${formatCount(total)} files`, increment: Math.max(0, pct - reported) });
              reported = pct;
              this.setState({ kind: 'indexing', done, total });
            };
            if (!(await this.indexFolder(folder, signal, onProgress))) continue;
            reported = 0;
          }
          await this.publishReady();
        } catch (err) {
          if (isAbortError(err)) {
            this.logger.info('Indexing cancelled; what was written is kept and the next run continues from it.');
            await this.publishReady();
            return;
          }
          this.logger.error('Indexing failed', err);
          this.setState({ kind: 'error', message: errorMessage(err) });
          throw err;
        } finally {
          dispose();
        }
      },
    );
  }

  /**
   * One folder's full run, in a child process (`childIndex.ts`): this window's engine for the folder
   * is closed for the run (the child takes the write lock) and reopened on the result; searches
   * meanwhile open the index read-only. Embeddings, which need the API key, are made here after.
   * False when another window is writing this folder's index.
   */
  private async indexFolder(folder: vscode.WorkspaceFolder, signal: AbortSignal, onProgress: (p: { done: number; total: number }) => void): Promise<boolean> {
    const root = folder.uri.fsPath;
    const dbDir = indexDirFor(this.storageDir, root);
    const workers = childWorkers();
    if (await heldByOther(dbDir)) return false;
    await this.closeEngine(root);
    this.childRuns.add(root);
    try {
      await indexInChild({
        script: path.join(this.extensionDir, 'dist', 'indexProcess.js'),
        request: {
          root,
          dbDir,
          config: this.config,
          grammarDir: path.join(this.extensionDir, 'dist', 'grammars'),
          workerScript: path.join(this.extensionDir, 'dist', 'parseWorker.js'),
          workers,
        },
        logger: this.logger,
        signal,
        onProgress,
        onStart: (pid) => this.logger.info(`Indexing ${root} in a child process (pid ${pid}, ${workers} parse worker(s), lowered priority)`),
      });
    } finally {
      // A read-only engine opened by a search during the run would keep this window from writing.
      this.childRuns.delete(root);
      await this.closeEngine(root);
    }
    await (await this.open(folder)).embedMissing({ signal, onProgress });
    return true;
  }

  private async closeEngine(root: string): Promise<void> {
    const engine = this.engines.get(root);
    this.engines.delete(root);
    await engine?.then((e) => e.close(), () => undefined);
  }

  private async showExisting(reason: string): Promise<void> {
    try {
      await this.publishReady();
    } catch (err) {
      this.setState({ kind: 'disabled', reason: `${reason} ${errorMessage(err)}` });
    }
  }

  private async publishReady(): Promise<void> {
    const engines = await this.allEngines();
    const counts: StoreCounts = { files: 0, chunks: 0, symbols: 0, standards: 0 };
    for (const e of engines) {
      const c = await e.counts();
      counts.files += c.files;
      counts.chunks += c.chunks;
      counts.symbols += c.symbols;
      counts.standards += c.standards;
    }
    this.setState({ kind: 'ready', counts, readOnly: engines.some((e) => e.readOnly) });
  }

  private queueUpdate(uri: vscode.Uri): void {
    if (!this.config.index.enabled || !vscode.workspace.isTrusted || this.running) return;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder || !this.engines.has(folder.uri.fsPath)) return;
    const rel = path.relative(folder.uri.fsPath, uri.fsPath).split(path.sep).join('/');
    if (rel.startsWith('..') || rel.split('/').some((p) => p === '.git' || p === 'node_modules')) return;
    const set = this.pending.get(folder.uri.fsPath) ?? new Set<string>();
    set.add(rel);
    this.pending.set(folder.uri.fsPath, set);
    clearTimeout(this.flushTimer);
    this.flushTimer = setTimeout(() => void this.flushUpdates(), WATCH_DEBOUNCE_MS);
  }

  private async flushUpdates(): Promise<void> {
    const batches = [...this.pending.entries()];
    this.pending.clear();
    for (const [root, paths] of batches) {
      try {
        const engine = await this.engines.get(root)!;
        if (engine.readOnly) continue;
        await engine.update([...paths]);
        this.logger.debug(`updated ${paths.size} changed file(s) in ${root}`);
      } catch (err) {
        this.logger.error(`Could not update the index for ${[...paths].join(', ')}`, err);
      }
    }
    if (this.currentState.kind === 'ready') await this.publishReady();
  }

  /** The embedding model's client when one is configured and the workspace is trusted. */
  private async embeddings(): Promise<ModelClient | undefined> {
    if (!vscode.workspace.isTrusted || !this.models.isConfigured('embedding')) return undefined;
    return this.models.clientFor('embedding');
  }

  private open(folder: vscode.WorkspaceFolder): Promise<Engine> {
    const root = folder.uri.fsPath;
    let engine = this.engines.get(root);
    if (!engine) {
      engine = this.embeddings().then((embeddings) => openEngine({
        root,
        dbDir: indexDirFor(this.storageDir, root),
        config: this.config,
        logger: this.logger,
        grammarDir: path.join(this.extensionDir, 'dist', 'grammars'),
        workers: 1,
        workerScript: path.join(this.extensionDir, 'dist', 'parseWorker.js'),
        // Saved files are parsed in a child process too: the host's V8 flags are not ours to set.
        parseInProcesses: true,
        // Untrusted: search an index that exists, never write one. During a run in a child process
        // the child holds the write lock: a search then must not take it first.
        readOnly: !vscode.workspace.isTrusted || this.childRuns.has(root),
        ...(embeddings ? { embeddings } : {}),
      }));
      engine.catch(() => this.engines.delete(root));
      this.engines.set(root, engine);
    }
    return engine;
  }

  private setState(state: IndexState): void {
    this.currentState = state;
    this.stateEmitter.fire(state);
  }

  private async closeAll(): Promise<void> {
    const engines = [...this.engines.values()];
    this.engines.clear();
    for (const e of engines) await e.then((x) => x.close(), (err: unknown) => this.logger.debug(`engine never opened: ${errorMessage(err)}`));
  }

  override dispose(): void {
    clearTimeout(this.flushTimer);
    void this.closeAll();
    super.dispose();
  }
}
