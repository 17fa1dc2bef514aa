/**
 * Index benchmark on a real corpus (the JS/TS/Python sources of node_modules):
 * throughput (files/s, MB/s), chunks, peak RSS, unchanged re-index, save → searchable latency,
 * and query latency (full-text alone and the hybrid retriever) at the corpus's chunk count.
 *   node bench/run.mjs index [--workers N] [--corpus DIR] [--vectors 768|0]
 */
import { rmSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultConfig } from '../src/core/config';
import { openEngine } from '../src/core/engine';
import { stderrLogger } from '../src/core/log';
import { ChunkEmbedder } from '../src/core/embed/embedder';
import type { ModelClient } from '../src/core/model/types';
import { createRetriever } from '../src/core/retrieve/retriever';
import { CHUNK_LIMIT, chunkSearch } from '../src/core/retrieve/lexical';
import { queryTermSets } from '../src/core/retrieve/queryTerms';
import { benchQueries, median, mulberry32, nodeModulesCorpus, percentile } from './corpus';

const root = process.env.GROUNDWORK_ROOT!;
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const workers = Number(arg('workers', '2'));
const corpus = arg('corpus', path.join(os.tmpdir(), 'gw-bench-corpus'));
const dbDir = path.join(os.tmpdir(), `gw-bench-db-${process.pid}`);

async function main() {
  const { files, bytes } = nodeModulesCorpus(root, corpus);
  const mb = bytes / 1e6;
  console.log(`corpus: ${files} files, ${mb.toFixed(1)} MB (${corpus})`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  // `processes`: parse workers as child processes, as the extension host parses saved files.
  const open = (processes = false) =>
    openEngine({
      root: corpus,
      dbDir,
      config: defaultConfig(),
      logger: stderrLogger(false),
      grammarDir: path.join(root, 'dist', 'grammars'),
      workers,
      workerScript: path.join(root, 'dist', 'parseWorker.js'),
      parseInProcesses: processes,
    });
  let engine = await open();
  let t = performance.now();
  const cold = await engine.index();
  const coldS = (performance.now() - t) / 1000;
  const counts = await engine.counts();
  console.log(`cold index: ${coldS.toFixed(1)} s, ${(cold.indexed / coldS).toFixed(0)} files/s, ${(mb / coldS).toFixed(2)} MB/s, ` +
    `${counts.chunks} chunks, ${counts.symbols} symbols, ${cold.skipped} skipped, peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB (workers=${workers})`);

  await engine.close();
  engine = await open();
  const unchanged: number[] = [];
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    const r = await engine.index();
    unchanged.push(performance.now() - t);
    if (r.indexed !== 0) console.log(`  warning: unchanged run parsed ${r.indexed} files`);
  }
  console.log(`unchanged re-index of ${files} files: median ${(median(unchanged) / 1000).toFixed(2)} s (runs: ${unchanged.map((x) => (x / 1000).toFixed(2)).join(', ')})`);

  // save → searchable: edit one file, update it, query until the new identifier is found. The
  // engine parses in worker processes here, as the extension host does (the first save starts one).
  await engine.close();
  engine = await open(true);
  // An ordinary source file (not a bundle, not a declaration file), the first in path order.
  const target = [...(await engine.store.fileStates()).keys()]
    .filter((p) => /\.(js|ts|py)$/.test(p) && !/\.d\.ts$|\/dist\/|\.min\./.test(p))
    .sort()[0]!;
  console.log(`save target: ${target}`);
  const abs = path.join(corpus, target);
  const original = readFileSync(abs, 'utf8');
  const saves: number[] = [];
  for (let i = 0; i < 10; i++) {
    const ident = `benchMarker${process.pid}x${i}`;
    writeFileSync(abs, `${original}\nfunction ${ident}() { return ${i}; }\n`);
    t = performance.now();
    await engine.update([target]);
    const r = await engine.retriever.retrieve({ query: ident, k: 5, includeStandards: false });
    saves.push(performance.now() - t);
    if (r.chunks[0]?.symbol !== ident) console.log(`  warning: ${ident} not found first (got ${r.chunks[0]?.path}:${r.chunks[0]?.symbol})`);
  }
  writeFileSync(abs, original);
  await engine.update([target]);
  console.log(`save → searchable: median ${median(saves).toFixed(0)} ms, p95 ${percentile(saves, 95).toFixed(0)} ms (update + query, n=10)`);

  // queries: symbol names and phrases drawn from the corpus
  const queries = await benchQueries(engine.store);
  const fts: number[] = [];
  const hybrid: number[] = [];
  for (const q of queries.slice(0, 20)) await engine.retriever.retrieve({ query: q, includeStandards: false }); // warm-up
  for (const q of queries) {
    t = performance.now();
    await chunkSearch(engine.store, queryTermSets(q));
    fts.push(performance.now() - t);
    t = performance.now();
    await engine.retriever.retrieve({ query: q, includeStandards: true });
    hybrid.push(performance.now() - t);
  }
  console.log(`full-text chunk list (the retriever's lexical list: ${CHUNK_LIMIT} hits with their text) at ${counts.chunks} chunks: p50 ${median(fts).toFixed(1)} ms, p95 ${percentile(fts, 95).toFixed(1)} ms (n=${fts.length})`);
  console.log(`hybrid retrieve (lexical + definitions + paths, fused, packed): p50 ${median(hybrid).toFixed(1)} ms, p95 ${percentile(hybrid, 95).toFixed(1)} ms`);
  const dims = Number(arg('vectors', '768'));
  if (dims > 0) {
    // Dense list: random unit vectors stand in for a real embedding model (its network time is not
    // ours); the figure is the retriever's own cost with a vector list at this chunk count.
    const client = fakeEmbeddingClient(dims);
    const embedder = new ChunkEmbedder(engine.store, client, stderrLogger(false));
    t = performance.now();
    const n = await embedder.embedMissing();
    console.log(`vectors: ${n} × ${dims}-dim written + ANN index in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const withVectors = createRetriever({ store: engine.store, config: defaultConfig(), logger: stderrLogger(false), vectors: embedder });
    const dense: number[] = [];
    for (const q of queries.slice(0, 20)) await withVectors.retrieve({ query: q, includeStandards: false });
    for (const q of queries) {
      t = performance.now();
      await withVectors.retrieve({ query: q, includeStandards: true });
      dense.push(performance.now() - t);
    }
    console.log(`hybrid retrieve with ${dims}-dim vectors: p50 ${median(dense).toFixed(1)} ms, p95 ${percentile(dense, 95).toFixed(1)} ms`);
  }
  clearInterval(sampler);
  console.log(`peak RSS overall: ${(peakRss / 2 ** 20).toFixed(0)} MB`);
  await engine.close();
  rmSync(dbDir, { recursive: true, force: true });
}

function fakeEmbeddingClient(dims: number): ModelClient {
  const rng = mulberry32(7);
  const vector = () => {
    const v = Array.from({ length: dims }, () => rng() - 0.5);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  };
  const unsupported = () => Promise.reject(new Error('not used by the benchmark'));
  return {
    settings: { role: 'embedding', baseUrl: 'http://127.0.0.1/v1', model: 'bench-random', temperature: 0, maxTokens: 0, timeoutMs: 1000, dimensions: dims },
    embed: async (texts) => texts.map(vector),
    chat: unsupported,
    complete: unsupported,
    listModels: unsupported,
    chatStream: () => ({ [Symbol.asyncIterator]: () => ({ next: unsupported }) }),
  };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
