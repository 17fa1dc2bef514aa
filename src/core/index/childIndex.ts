/**
 * A full index run in a child process (the extension's Re-index). The extension host is shared
 * with every other extension and its V8 settings are not ours: on Node 24 (VS Code's and
 * code-server's host) its young generation alone grows to ~100 MB while a big index is written,
 * and a run's peak (parse workers, Arrow batches, LanceDB's index builds) would stay in the host's
 * footprint. A child started with a small young generation peaks lower, gives all of it back when it
 * exits, and a crash in it (a WASM abort, out of memory) cannot take the host down.
 *
 * The child takes the index's write lock for the run: the parent closes its own store first. What
 * a killed or failed child wrote is kept (the store's run marker): the next run completes it.
 */
import type { ChildProcess } from 'node:child_process';
import os from 'node:os';
import type { Config } from '../config';
import { AbortError, errorMessage, IndexError } from '../errors';
import type { Logger, LogLevel } from '../log';
import { forkNodeChild } from '../nodeChild';
import type { IndexSummary } from './indexer';

/**
 * The child's scheduling priority (nice 10; below normal on Windows): a full index may use every core
 * it is given (`childWorkers`) while the editor and the extension host still come first.
 */
export const CHILD_NICE = 10;

/**
 * Parse workers of the child: two where there are two cores. At lowered priority the run takes the
 * cores the editor leaves idle: on the 78 MB bench corpus (Node 24) 22.2–22.9 s with two against
 * 30.1–35.6 s with one, peak 514–537 MB against 488–491 MB.
 */
export function childWorkers(): number {
  return Math.max(1, Math.min(2, os.availableParallelism()));
}

/** How long a cancelled child may take to finish its batch in flight before it is killed. */
const CANCEL_GRACE_MS = 10_000;

export interface ChildIndexRequest {
  root: string;
  dbDir: string;
  config: Config;
  grammarDir: string;
  workerScript: string;
  workers: number;
}

export type ChildMessage =
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'log'; level: LogLevel; message: string }
  | { kind: 'done'; summary: IndexSummary }
  | { kind: 'failed'; message: string; aborted: boolean };

export type ParentMessage = { kind: 'index'; request: ChildIndexRequest } | { kind: 'cancel' };

export interface ChildIndexOptions {
  /** The bundled child entry (dist/indexProcess.js). */
  script: string;
  request: ChildIndexRequest;
  logger: Logger;
  signal?: AbortSignal;
  onProgress?: (p: { done: number; total: number }) => void;
  /** Called with the child's pid once it is started. */
  onStart?: (pid: number) => void;
  /** V8 flags instead of `NODE_CHILD_EXEC_ARGV` (benchmarks). */
  execArgv?: readonly string[];
}

/** Runs one index run in a child process; resolves with its summary, rejects with AbortError when cancelled. */
export function indexInChild(options: ChildIndexOptions): Promise<IndexSummary> {
  const { logger, signal } = options;
  if (signal?.aborted) return Promise.reject(new AbortError());
  return new Promise<IndexSummary>((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = forkNodeChild(options.script, { execArgv: options.execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    } catch (err) {
      reject(new IndexError(`Could not start the indexing process: ${errorMessage(err)}`));
      return;
    }
    if (child.pid !== undefined) options.onStart?.(child.pid);
    let settled = false;
    let stderr = '';
    let killTimer: NodeJS.Timeout | undefined;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(killTimer);
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => {
      if (!child.connected) return;
      child.send({ kind: 'cancel' } satisfies ParentMessage);
      killTimer = setTimeout(() => child.kill('SIGKILL'), CANCEL_GRACE_MS);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (d: string) => (stderr = (stderr + d).slice(-4000)));
    // The outcome counts once the child has exited: until then it may hold the write lock.
    let outcome: ChildMessage | undefined;
    child.on('message', (m: ChildMessage) => {
      if (m.kind === 'progress') options.onProgress?.({ done: m.done, total: m.total });
      else if (m.kind === 'log') logger[m.level](m.message);
      else outcome = m;
    });
    child.on('error', (err) => finish(() => reject(new IndexError(`The indexing process failed: ${errorMessage(err)}`))));
    child.on('exit', (code, sig) => {
      const last = outcome;
      if (last?.kind === 'done') return finish(() => resolve(last.summary));
      if (last?.kind === 'failed') return finish(() => reject(last.aborted ? new AbortError() : new IndexError(last.message)));
      if (signal?.aborted) return finish(() => reject(new AbortError()));
      const how = sig ? `was killed (${sig})` : `exited with code ${code}`;
      const cause = errorLine(stderr);
      finish(() => reject(new IndexError(`The indexing process ${how} before it finished${cause ? ` (${cause})` : ''}. What it wrote is kept; the next run continues from it.`)));
    });
    child.send({ kind: 'index', request: options.request } satisfies ParentMessage);
  });
}

/** The line of a dead process's stderr that names its error (`Error: Cannot find module …`), else its last line. */
function errorLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  return (lines.find((l) => /^(\w*Error|FATAL|RangeError|Aborted)\b/.test(l)) ?? lines.at(-1) ?? '').slice(0, 300);
}
