import { Worker } from 'node:worker_threads';
import { AbortError, throwIfAborted } from '../errors';
import type { Logger } from '../log';
import { forkNodeChild } from '../nodeChild';
import { windowedFile } from './inProcessParser';
import type { WorkerInit, WorkerMessage, WorkerRequest } from './protocol';
import type { FileParser, ParsedFile } from './types';
import { fromWire } from './wire';

/** A worker is replaced after it has parsed this much text (WASM memory only grows). */
export const DEFAULT_RECYCLE_BYTES = 64 * 1024 * 1024;
/** A worker whose WASM memory grew past this (a huge or minified file's tree) is replaced. */
export const DEFAULT_RECYCLE_MEMORY = 64 * 1024 * 1024;
/**
 * A parse worker's young generation, in MB. Node 24's V8 grows it to 128 MB of new space (Node 20: 32),
 * and a terminated worker's heap pages stay resident for ~8 s in V8's process-wide page pool, i.e.
 * through most of the optimize step that follows the last parse. Capped: the worker's heap at exit
 * 195-203 -> 79-86 MB, cold-index peak RSS on Node 24 760-844 -> 640-723 MB (bench corpus, 1 worker).
 */
export const WORKER_YOUNG_GENERATION_MB = 16;

export interface WorkerPoolOptions {
  workerScript: string;
  workers: number;
  grammarDir: string;
  maxBytes: number;
  logger: Logger;
  recycleBytes?: number;
  recycleMemory?: number;
  /**
   * Run each worker as a child process with our flags (`nodeChild.ts`) instead of a thread of this
   * process: the extension host, whose flags are not ours to set.
   */
  processes?: boolean;
}

/** What the pool needs of a worker, a thread or a process alike. */
interface WorkerHandle {
  postMessage(m: WorkerRequest): void;
  on(event: 'message', fn: (m: WorkerMessage) => void): void;
  on(event: 'error', fn: (err: Error) => void): void;
  on(event: 'exit', fn: (code: number) => void): void;
  terminate(): Promise<unknown>;
  ref(): void;
  unref(): void;
}

/** A parse worker in a child process (`worker.ts` reads its start data from `GROUNDWORK_PARSE_INIT`). */
function processWorker(script: string, init: WorkerInit): WorkerHandle {
  const child = forkNodeChild(script, {
    env: { GROUNDWORK_PARSE_INIT: JSON.stringify(init) },
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    postMessage: (m) => void child.send(m),
    on: (event: string, fn: (arg: never) => void) => {
      const call = fn as (arg: unknown) => void;
      if (event === 'exit') child.on('exit', (code, signal) => call(code ?? (signal ? 1 : 0)));
      else child.on(event, (arg: unknown) => call(arg));
    },
    terminate: () => {
      child.kill();
      return exited;
    },
    // An idle worker must not keep this process alive: the process and its IPC channel.
    ref: () => {
      child.ref();
      child.channel?.ref();
    },
    unref: () => {
      child.unref();
      child.channel?.unref();
    },
  };
}

interface Job {
  request: WorkerRequest;
  resolve: (file: ParsedFile) => void;
  reject: (err: unknown) => void;
  cancelled: boolean;
}

interface Slot {
  worker: WorkerHandle;
  bytes: number;
  /** Jobs posted to this worker and not answered yet, oldest first, and their characters. */
  jobs: Job[];
  queuedChars: number;
  /** Takes no new jobs; terminated once its jobs are answered (byte budget reached). */
  draining: boolean;
}

/**
 * Work posted to one worker ahead of its answers, in files and in characters. The indexer's thread
 * is busy for tens of milliseconds at a time (a batch's Arrow columns are built synchronously); a
 * worker with only the next two files queued sat idle through it. About 0.1 s of parsing is queued
 * instead: cold index 25.4 -> 23.0 s on the bench corpus (medians of 2; 64 files / 1 MiB gave
 * the same time and more memory).
 */
export const PIPELINE_FILES = 16;
export const PIPELINE_CHARS = 256 * 1024;

/**
 * Parses in `worker_threads`. Each worker has up to `PIPELINE_FILES` files (`PIPELINE_CHARS`) in flight; a worker is
 * recycled after `recycleBytes` of text or once its WASM memory passed `recycleMemory` (after
 * answering what it holds), and at once when its WASM
 * runtime aborted or one of its grammars failed (its other files go to another worker). A worker
 * that dies turns its oldest file into line windows and hands the others to another worker.
 */
export class WorkerPoolParser implements FileParser {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private readonly disabled = new Set<string>();
  private nextId = 1;
  private disposed = false;
  /** Workers replaced so far (byte budget, aborted runtime, failed grammar or crash). */
  recycled = 0;

  constructor(private readonly options: WorkerPoolOptions) {}

  parse(path: string, text: string, signal?: AbortSignal): Promise<ParsedFile> {
    throwIfAborted(signal);
    if (this.disposed) return Promise.reject(new AbortError('The parser was closed.'));
    return new Promise<ParsedFile>((resolve, reject) => {
      const onAbort = () => {
        job.cancelled = true;
        const i = this.queue.indexOf(job);
        if (i >= 0) this.queue.splice(i, 1);
        reject(new AbortError());
      };
      const job: Job = {
        request: { id: this.nextId++, path, text },
        resolve: (file) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(file);
        },
        reject: (err) => {
          signal?.removeEventListener('abort', onAbort);
          reject(err);
        },
        cancelled: false,
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(job);
      this.pump();
    });
  }

  /** The worker for the next job: an idle one, else a new one, else one with room in its pipeline. */
  private pick(): Slot | undefined {
    let best: Slot | undefined;
    let active = 0;
    for (const s of this.slots) {
      if (s.draining) continue;
      active++;
      if (s.jobs.length >= PIPELINE_FILES || s.queuedChars >= PIPELINE_CHARS) continue;
      if (s.jobs.length === 0) return s;
      best ??= s;
    }
    // A draining worker does not count: its replacement starts while it answers its last files.
    if (active < this.options.workers) return this.spawn();
    return best;
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.disposed) {
      const slot = this.pick();
      if (!slot) return;
      const job = this.queue.shift() as Job;
      if (job.cancelled) continue;
      slot.jobs.push(job);
      slot.queuedChars += job.request.text.length;
      slot.bytes += job.request.text.length;
      if (slot.bytes >= (this.options.recycleBytes ?? DEFAULT_RECYCLE_BYTES)) slot.draining = true;
      slot.worker.ref();
      slot.worker.postMessage(job.request);
    }
  }

  private spawn(): Slot {
    const init: WorkerInit = {
      grammarDir: this.options.grammarDir,
      maxBytes: this.options.maxBytes,
      disabled: [...this.disabled],
    };
    const worker: WorkerHandle = this.options.processes
      ? processWorker(this.options.workerScript, init)
      : new Worker(this.options.workerScript, {
          workerData: init,
          resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
        });
    const slot: Slot = { worker, bytes: 0, jobs: [], queuedChars: 0, draining: false };
    worker.on('message', (m: WorkerMessage) => this.onMessage(slot, m));
    worker.on('error', (err) => this.options.logger.error('A parse worker failed', err));
    worker.on('exit', (code) => this.onExit(slot, code));
    this.slots.add(slot);
    return slot;
  }

  private onMessage(slot: Slot, m: WorkerMessage): void {
    if (m.type === 'log') {
      this.options.logger[m.level](m.message);
      return;
    }
    const i = slot.jobs.findIndex((j) => j.request.id === m.id);
    if (i < 0) return;
    const job = slot.jobs[i] as Job;
    slot.jobs.splice(i, 1);
    slot.queuedChars -= job.request.text.length;
    if (slot.jobs.length === 0) slot.worker.unref();
    if (!job.cancelled) {
      if (m.type === 'result') job.resolve(fromWire(m.file, job.request.text));
      else job.resolve(windowedFile(job.request.path, job.request.text, [`${job.request.path}: ${m.message}`]));
    }
    let broken = false;
    if (m.type === 'result') {
      const fresh = m.failedLanguages.filter((l) => !this.disabled.has(l));
      for (const l of fresh) this.disabled.add(l);
      broken = fresh.length > 0 || m.runtimeFailed;
      if (m.memoryBytes > (this.options.recycleMemory ?? DEFAULT_RECYCLE_MEMORY)) slot.draining = true;
    }
    if (broken) this.retire(slot, true);
    else if (slot.draining && slot.jobs.length === 0) this.retire(slot, false);
    this.pump();
  }

  private onExit(slot: Slot, code: number): void {
    if (!this.slots.delete(slot)) return;
    this.recycled++;
    const [oldest, ...rest] = slot.jobs.filter((j) => !j.cancelled);
    slot.jobs = [];
    this.queue.unshift(...rest);
    if (oldest) {
      const warning = `${oldest.request.path}: the parse worker stopped (exit code ${code}); split into line windows.`;
      this.options.logger.warn(warning);
      oldest.resolve(windowedFile(oldest.request.path, oldest.request.text, [warning]));
    }
    this.pump();
  }

  /** Replaces a worker; `now`: without waiting for its other jobs, which go back to the queue. */
  private retire(slot: Slot, now: boolean): void {
    this.slots.delete(slot);
    this.recycled++;
    if (now) this.queue.unshift(...slot.jobs.splice(0).filter((j) => !j.cancelled));
    void slot.worker.terminate();
  }

  /** Stops the workers (their memory is returned); the next parse starts new ones. */
  async release(): Promise<void> {
    const idle = [...this.slots].filter((s) => s.jobs.length === 0);
    for (const s of idle) this.slots.delete(s);
    await Promise.all(idle.map((s) => s.worker.terminate()));
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const job of this.queue.splice(0)) job.reject(new AbortError('The parser was closed.'));
    const slots = [...this.slots];
    this.slots.clear();
    for (const s of slots) for (const j of s.jobs.splice(0)) if (!j.cancelled) j.reject(new AbortError('The parser was closed.'));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
