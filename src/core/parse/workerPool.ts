import { Worker } from 'node:worker_threads';
import { AbortError, throwIfAborted } from '../errors';
import type { Logger } from '../log';
import { windowedFile } from './inProcessParser';
import type { WorkerInit, WorkerMessage, WorkerRequest } from './protocol';
import type { FileParser, ParsedFile } from './types';

/** A worker is replaced after it has parsed this much text (WASM memory only grows). */
export const DEFAULT_RECYCLE_BYTES = 64 * 1024 * 1024;

export interface WorkerPoolOptions {
  workerScript: string;
  workers: number;
  grammarDir: string;
  maxBytes: number;
  logger: Logger;
  recycleBytes?: number;
}

interface Job {
  request: WorkerRequest;
  resolve: (file: ParsedFile) => void;
  reject: (err: unknown) => void;
  cancelled: boolean;
}

interface Slot {
  worker: Worker;
  bytes: number;
  job: Job | undefined;
}

/**
 * Parses in `worker_threads`. Each worker takes one file at a time; a worker is recycled after
 * `recycleBytes` of text, when its WASM runtime aborted, or when one of its grammars failed;
 * a worker that dies turns its file into line windows instead of failing the run.
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

  private pump(): void {
    while (this.queue.length > 0 && !this.disposed) {
      let slot = [...this.slots].find((s) => !s.job);
      if (!slot && this.slots.size < this.options.workers) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift() as Job;
      slot.job = job;
      slot.bytes += job.request.text.length;
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
    const worker = new Worker(this.options.workerScript, { workerData: init });
    const slot: Slot = { worker, bytes: 0, job: undefined };
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
    const job = slot.job;
    if (!job || job.request.id !== m.id) return;
    slot.job = undefined;
    slot.worker.unref();
    if (!job.cancelled) {
      if (m.type === 'result') job.resolve(m.file);
      else job.resolve(windowedFile(job.request.path, job.request.text, [`${job.request.path}: ${m.message}`]));
    }
    let retire = slot.bytes >= (this.options.recycleBytes ?? DEFAULT_RECYCLE_BYTES);
    if (m.type === 'result') {
      const fresh = m.failedLanguages.filter((l) => !this.disabled.has(l));
      for (const l of fresh) this.disabled.add(l);
      retire ||= fresh.length > 0 || m.runtimeFailed;
    }
    if (retire) this.retire(slot);
    this.pump();
  }

  private onExit(slot: Slot, code: number): void {
    if (!this.slots.delete(slot)) return;
    this.recycled++;
    const job = slot.job;
    if (job && !job.cancelled) {
      const warning = `${job.request.path}: the parse worker stopped (exit code ${code}); split into line windows.`;
      this.options.logger.warn(warning);
      job.resolve(windowedFile(job.request.path, job.request.text, [warning]));
    }
    this.pump();
  }

  private retire(slot: Slot): void {
    this.slots.delete(slot);
    this.recycled++;
    void slot.worker.terminate();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const job of this.queue.splice(0)) job.reject(new AbortError('The parser was closed.'));
    const slots = [...this.slots];
    this.slots.clear();
    for (const s of slots) if (s.job && !s.job.cancelled) s.job.reject(new AbortError('The parser was closed.'));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
