/** Entry point of the parse worker thread (bundled to dist/parseWorker.js). */
import { parentPort, workerData } from 'node:worker_threads';
import { errorMessage } from '../errors';
import { forwardingLogger } from '../log';
import { GrammarLoader } from './grammars';
import { InProcessParser } from './inProcessParser';
import type { WorkerInit, WorkerMessage, WorkerRequest } from './protocol';
import { toWire } from './wire';

interface Port {
  postMessage(m: WorkerMessage): void;
  on(event: 'message', fn: (req: WorkerRequest) => void): void;
}

function runWorker(port: Port, init: WorkerInit): void {
  const post = (m: WorkerMessage) => port.postMessage(m);
  const logger = forwardingLogger((level, message) => post({ type: 'log', level, message }));
  const loader = new GrammarLoader(init.grammarDir, logger, new Set(init.disabled));
  const parser = new InProcessParser(loader, logger, init.maxBytes);
  port.on('message', (req: WorkerRequest) => {
    parser
      .parse(req.path, req.text)
      .then(async (file) => {
        const failedLanguages = await loader.failed();
        post({ type: 'result', id: req.id, file: toWire(file, req.text), failedLanguages, runtimeFailed: parser.runtimeFailed, memoryBytes: parser.memoryBytes() });
      })
      .catch((err: unknown) => post({ type: 'error', id: req.id, message: errorMessage(err) }));
  });
}

if (parentPort) runWorker(parentPort, workerData as WorkerInit);
else if (process.send && process.env.GROUNDWORK_PARSE_INIT) {
  // A worker run as a child process (`workerPool.ts` `processes`): it ends with its parent.
  const send = process.send.bind(process);
  runWorker({ postMessage: (m) => void send(m), on: (event, fn) => void process.on(event, fn) }, JSON.parse(process.env.GROUNDWORK_PARSE_INIT) as WorkerInit);
  process.on('disconnect', () => process.exit(0));
}
