/** What every CLI command shares: where the index lives, the engine, progress on stderr. */
import os from 'node:os';
import path from 'node:path';
import { defaultConfig, parseConfig, type Config, type RawSettings } from '../core/config';
import { indexDirFor, openEngine, type Engine } from '../core/engine';
import { stderrLogger, type Logger } from '../core/log';
import { flagString, type ParsedArgs } from './args';

export interface CliContext {
  logger: Logger;
  config: Config;
}

export function cliContext(args: ParsedArgs): CliContext {
  const verbose = args.flags.has('verbose');
  const logger = stderrLogger(verbose);
  const settingsJson = process.env.GROUNDWORK_SETTINGS;
  const config = settingsJson ? parseConfig(JSON.parse(settingsJson) as RawSettings) : defaultConfig();
  return { logger, config };
}

/** `--db PATH`, else one directory per folder under the user's cache. */
export function dbDirFor(args: ParsedArgs, root: string): string {
  const explicit = flagString(args, 'db');
  if (explicit) return path.resolve(explicit);
  const cache = process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache');
  return indexDirFor(path.join(cache, 'groundwork'), root);
}

export async function cliEngine(ctx: CliContext, root: string, dbDir: string): Promise<Engine> {
  return openEngine({
    root: path.resolve(root),
    dbDir,
    config: ctx.config,
    logger: ctx.logger,
    grammarDir: path.join(__dirname, 'grammars'),
    workers: Math.max(1, Math.min(2, os.availableParallelism() )),
    workerScript: path.join(__dirname, 'parseWorker.js'),
  });
}

/**
 * Indexes `root` first when its index is empty: never built, or thrown away on open because an
 * older version of Groundwork built it (a search on it would otherwise find nothing, and keep
 * finding nothing). Says why on stderr.
 */
export async function indexIfEmpty(engine: Engine, root: string, signal: AbortSignal): Promise<void> {
  if (engine.readOnly || (await engine.counts()).files > 0) return;
  process.stderr.write(
    engine.store.rebuilt
      ? `the index of ${root} was built by an older version of Groundwork: rebuilding it first\n`
      : `no index for ${root} yet: indexing first\n`,
  );
  await engine.index({ signal, onProgress: progressBar('indexing') });
}

/** Ctrl-C aborts the running job cleanly (the index stays consistent). */
export function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  return controller.signal;
}

export function progressBar(label: string): (p: { done: number; total: number }) => void {
  let last = 0;
  return ({ done, total }) => {
    const now = Date.now();
    if (now - last < 250 && done < total) return;
    last = now;
    if (process.stderr.isTTY) process.stderr.write(`\r${label} ${done}/${total} files`);
    else process.stderr.write(`${label} ${done}/${total} files\n`);
    if (done >= total && process.stderr.isTTY) process.stderr.write('\n');
  };
}
