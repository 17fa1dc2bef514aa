/**
 * Where a cold index's time goes: wall time of the whole run and of its optimize step (compaction
 * and index builds, after parsing), peak RSS, and CPU seconds per thread kind (the indexer's
 * thread, LanceDB's threads; the parse workers are what the process used beyond those).
 *   node bench/run.mjs cold [--workers N] [--keep]     (--keep prints and keeps the index folder)
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultConfig } from '../src/core/config';
import { openEngine } from '../src/core/engine';
import { stderrLogger } from '../src/core/log';

const root = process.env.GROUNDWORK_ROOT!;
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};

/** CPU seconds of this process's live threads, by thread name (Linux). */
function threadCpu(): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out.set(name, (out.get(name) ?? 0) + (Number(fields[11]) + Number(fields[12])) / 100);
  }
  return out;
}

export async function main(): Promise<void> {
  const corpus = path.join(os.tmpdir(), 'gw-bench-corpus');
  const dbDir = path.join(os.tmpdir(), `gw-cold-${process.pid}`);
  const engine = await openEngine({
    root: corpus, dbDir, config: defaultConfig(), logger: stderrLogger(false),
    grammarDir: path.join(root, 'dist', 'grammars'), workers: Number(arg('workers', '2')),
    workerScript: path.join(root, 'dist', 'parseWorker.js'),
  });
  const store = engine.store;
  const optimize = store.optimize.bind(store);
  let optimizeMs = 0;
  let optimizeStart = 0;
  let before = new Map<string, number>();
  let during = new Map<string, number>();
  store.optimize = async () => {
    const t = performance.now();
    optimizeStart = t;
    before = threadCpu();
    const m = process.memoryUsage();
    const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;
    console.log(`memory when optimize starts: rss ${mb(m.rss)}, JS heap ${mb(m.heapUsed)} of ${mb(m.heapTotal)}, array buffers ${mb(m.arrayBuffers)}`);
    await optimize();
    during = new Map([...threadCpu()].map(([n, s]) => [n, s - (before.get(n) ?? 0)]));
    optimizeMs += performance.now() - t;
  };
  let peak = 0;
  let peakAt = 0;
  const sampler = setInterval(() => {
    const rss = process.memoryUsage().rss;
    if (rss > peak) [peak, peakAt] = [rss, performance.now()];
  }, 50);
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  // --timeline: cores in use per second of the run (2.0 = both cores busy on these machines).
  const timeline: string[] = [];
  let last = process.cpuUsage();
  const ticker = process.argv.includes('--timeline')
    ? setInterval(() => {
        const now = process.cpuUsage();
        timeline.push(((now.user + now.system - last.user - last.system) / 1e6).toFixed(1));
        last = now;
      }, 1000)
    : undefined;
  const summary = await engine.index();
  if (ticker) clearInterval(ticker);
  const wall = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  const total = (cpu.user + cpu.system) / 1e6;
  const threads = threadCpu();
  const live = [...threads.values()].reduce((a, b) => a + b, 0);
  console.log(`cold index: ${wall.toFixed(1)} s for ${summary.indexed} files (optimize ${(optimizeMs / 1000).toFixed(1)} s of it), peak RSS ${(peak / 2 ** 20).toFixed(0)} MB ${peakAt >= optimizeStart ? 'during optimize' : `while parsing, at ${((peakAt - t) / 1000).toFixed(1)} s`}`);
  console.log(`CPU: ${total.toFixed(1)} s in all; live threads ${[...threads].sort((a, b) => b[1] - a[1]).map(([n, s]) => `${n} ${s.toFixed(1)}`).join(', ')}; parse workers (exited) ≈ ${(total - live).toFixed(1)}`);
  const fmt = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).map(([n, s]) => `${n} ${s.toFixed(1)}`).join(', ');
  if (ticker) console.log(`cores in use, per second: ${timeline.join(' ')}`);
  console.log(`CPU before optimize: ${fmt(before)}; during optimize: ${fmt(during)}`);
  await engine.close();
  if (process.argv.includes('--keep')) console.log(dbDir);
  else rmSync(dbDir, { recursive: true, force: true });
}
