/**
 * The child side of `core/index/childIndex.ts`: receives one index request over IPC, runs it with
 * the same engine as everything else, reports progress and logs to the parent, and exits.
 */
import os from 'node:os';
import { CHILD_NICE, type ChildMessage, type ParentMessage } from './core/index/childIndex';
import { openEngine, type Engine } from './core/engine';
import { errorMessage, isAbortError } from './core/errors';
import { forwardingLogger } from './core/log';

const send = (m: ChildMessage): void => void process.send?.(m);
const logger = forwardingLogger((level, message) => send({ kind: 'log', level, message }));
const controller = new AbortController();

// Below the editor: set before the parse workers and LanceDB's threads exist, so they inherit it.
try {
  os.setPriority(CHILD_NICE);
} catch {
  // Not permitted here: run at normal priority.
}

async function run(m: Extract<ParentMessage, { kind: 'index' }>): Promise<void> {
  const { request } = m;
  let engine: Engine | undefined;
  let outcome: ChildMessage;
  try {
    engine = await openEngine({
      root: request.root,
      dbDir: request.dbDir,
      config: request.config,
      logger,
      grammarDir: request.grammarDir,
      workers: request.workers,
      workerScript: request.workerScript,
    });
    if (engine.readOnly) throw new Error('another window or process is writing this index');
    const summary = await engine.index({ signal: controller.signal, onProgress: ({ done, total }) => send({ kind: 'progress', done, total }) });
    outcome = { kind: 'done', summary };
  } catch (err) {
    outcome = { kind: 'failed', message: errorMessage(err), aborted: isAbortError(err) };
  }
  // Closing releases the write lock; the parent reopens the index once this process has exited.
  await engine?.close().catch(() => undefined);
  // Exit explicitly once the message is out: LanceDB's native threads need not keep the process alive.
  await new Promise<void>((resolve) => (process.send ? process.send(outcome, () => resolve()) : resolve()));
  process.exit(0);
}

process.on('message', (m: ParentMessage) => {
  if (m.kind === 'cancel') controller.abort();
  else void run(m);
});
// The parent is gone (its window closed): stop at the next batch; what was written is kept.
process.on('disconnect', () => controller.abort());
