import { GroundworkError } from '../errors';
import type { Logger } from '../log';
import { GrammarLoader } from './grammars';
import { DEFAULT_MAX_PARSE_BYTES, InProcessParser } from './inProcessParser';
import type { FileParser } from './types';
import { WorkerPoolParser } from './workerPool';

export { LANGUAGES, languageForPath, PLAIN_TEXT } from './languages';
export type { LanguageInfo } from './languages';
export type * from './types';

export interface FileParserOptions {
  /** Directory with web-tree-sitter.wasm, the grammar .wasm files and queries/ (dist/grammars). */
  grammarDir: string;
  logger: Logger;
  /** 0 (default): parse in this thread. > 0: parse in that many worker threads. */
  workers?: number;
  /** The bundled worker entry (dist/parseWorker.js); required when workers > 0. */
  workerScript?: string;
  /** Larger files are split into line windows without parsing. */
  maxBytes?: number;
  /** Worker mode: a worker is replaced after parsing this much text. */
  recycleBytes?: number;
  /** Worker mode: run the workers as child processes with our V8 flags (`workerPool.ts`). */
  processes?: boolean;
}

export function createFileParser(options: FileParserOptions): FileParser {
  const workers = options.workers ?? 0;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_PARSE_BYTES;
  if (workers <= 0) {
    return new InProcessParser(new GrammarLoader(options.grammarDir, options.logger), options.logger, maxBytes);
  }
  if (!options.workerScript) {
    throw new GroundworkError('Parsing in worker threads needs the path of the bundled parse worker (parseWorker.js).');
  }
  return new WorkerPoolParser({
    workerScript: options.workerScript,
    workers,
    grammarDir: options.grammarDir,
    maxBytes,
    logger: options.logger,
    recycleBytes: options.recycleBytes,
    processes: options.processes,
  });
}
