import { errorMessage } from './errors';

/** The one way core reports what it does; the host decides where it goes. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** A logger that hands each line to `send` (a worker or child process reporting to its parent). */
export function forwardingLogger(send: (level: LogLevel, message: string) => void): Logger {
  return {
    debug: (m) => send('debug', m),
    info: (m) => send('info', m),
    warn: (m) => send('warn', m),
    error: (m, err) => send('error', err === undefined ? m : `${m}: ${errorMessage(err)}`),
  };
}

/** A logger that writes to stderr, for the CLI and benchmarks. */
export function stderrLogger(verbose = false): Logger {
  const write = (level: string, message: string) => process.stderr.write(`[${level}] ${message}\n`);
  return {
    debug: (m) => verbose && write('debug', m),
    info: (m) => verbose && write('info', m),
    warn: (m) => write('warn', m),
    error: (m, err) => write('error', err instanceof Error ? `${m}: ${err.message}` : m),
  };
}

/** Progress of a long job: `done` of `total` units (files), with a short message. */
export interface Progress {
  done: number;
  total: number;
  message?: string;
}
export type ProgressCallback = (p: Progress) => void;
