/**
 * The extension's cold index as it runs it: in a child process (`core/index/childIndex.ts`), at
 * lowered priority, with `childWorkers()` parse workers. Prints the wall time, the child's peak RSS
 * (its kernel high-water mark, VmHWM) and
 * this parent's peak RSS, which stands for the extension host's share of the run.
 *   node bench/run.mjs child [--corpus DIR] [--workers N] [--exec-argv "--max-semi-space-size=8"]
 * Needs the bench corpus (`node bench/run.mjs index` makes it) and a build (`node scripts/build.mjs`).
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultConfig } from '../src/core/config';
import { childWorkers, indexInChild } from '../src/core/index/childIndex';
import { NODE_CHILD_EXEC_ARGV } from '../src/core/nodeChild';
import { stderrLogger } from '../src/core/log';

const root = process.env.GROUNDWORK_ROOT!;
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};

/** The peak RSS (VmHWM) of this process's children running the index script, in MB. */
function childPeakMb(script: string): number {
  let peak = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      if (!new RegExp(`^PPid:\\s+${process.pid}$`, 'm').test(status)) continue;
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(script)) continue;
      peak = Math.max(peak, Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? 0) / 1024);
    } catch {
      // The process ended while we read it.
    }
  }
  return peak;
}

export async function main(): Promise<void> {
  const corpus = path.resolve(arg('corpus', path.join(os.tmpdir(), 'gw-bench-corpus')));
  const dbDir = path.join(os.tmpdir(), `gw-child-${process.pid}`);
  const script = path.join(root, 'dist', 'indexProcess.js');
  const execArgv = process.argv.includes('--exec-argv') ? arg('exec-argv', '').split(' ').filter(Boolean) : [...NODE_CHILD_EXEC_ARGV];
  let childPeak = 0;
  let parentPeak = 0;
  const sampler = setInterval(() => {
    childPeak = Math.max(childPeak, childPeakMb(script));
    parentPeak = Math.max(parentPeak, process.memoryUsage().rss / 2 ** 20);
  }, 100);
  const t = performance.now();
  try {
    const summary = await indexInChild({
      script,
      execArgv,
      logger: stderrLogger(false),
      request: {
        root: corpus, dbDir, config: defaultConfig(), grammarDir: path.join(root, 'dist', 'grammars'),
        workerScript: path.join(root, 'dist', 'parseWorker.js'), workers: Number(arg('workers', String(childWorkers()))),
      },
    });
    const wall = (performance.now() - t) / 1000;
    clearInterval(sampler);
    console.log(`${process.version}, child exec argv [${execArgv.join(' ')}], ${arg('workers', String(childWorkers()))} worker(s)`);
    console.log(`cold index in a child: ${wall.toFixed(1)} s for ${summary.indexed} files, ${summary.chunks} chunks`);
    console.log(`peak RSS: child ${childPeak.toFixed(0)} MB (VmHWM, last sample before it exited), parent ${parentPeak.toFixed(0)} MB`);
  } finally {
    clearInterval(sampler);
    rmSync(dbDir, { recursive: true, force: true });
  }
}
