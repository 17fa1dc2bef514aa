/**
 * Query latency on an index that already exists (built by `bench/run.mjs cold --keep`):
 * the lexical chunk list and the hybrid retriever over the same 200 queries as bench/index, then a
 * review's retrieval (a function chunk as the selection) for 100 functions.
 *   node bench/run.mjs query --db DIR
 */
import os from 'node:os';
import path from 'node:path';
import { defaultConfig } from '../src/core/config';
import { openEngine } from '../src/core/engine';
import { stderrLogger } from '../src/core/log';
import { CHUNK_LIMIT, chunkSearch } from '../src/core/retrieve/lexical';
import { queryTermSets } from '../src/core/retrieve/queryTerms';
import { benchQueries, median, mulberry32, percentile } from './corpus';

const root = process.env.GROUNDWORK_ROOT!;
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};

export async function main(): Promise<void> {
  const engine = await openEngine({
    root: path.join(os.tmpdir(), 'gw-bench-corpus'),
    dbDir: arg('db', ''),
    config: defaultConfig(),
    logger: stderrLogger(false),
    grammarDir: path.join(root, 'dist', 'grammars'),
    workers: 0,
  });
  const counts = await engine.counts();
  const queries = await benchQueries(engine.store);
  for (const q of queries.slice(0, 20)) await engine.retriever.retrieve({ query: q, includeStandards: false });
  for (let round = 0; round < Number(arg('rounds', '2')); round++) {
    const fts: number[] = [];
    const hybrid: number[] = [];
    for (const q of queries) {
      let t = performance.now();
      await chunkSearch(engine.store, queryTermSets(q));
      fts.push(performance.now() - t);
      t = performance.now();
      await engine.retriever.retrieve({ query: q, includeStandards: true });
      hybrid.push(performance.now() - t);
    }
    console.log(`${counts.chunks} chunks: chunk list (${CHUNK_LIMIT} hits) p50 ${median(fts).toFixed(1)} p95 ${percentile(fts, 95).toFixed(1)} ms; hybrid p50 ${median(hybrid).toFixed(1)} p95 ${percentile(hybrid, 95).toFixed(1)} ms`);
  }
  // A review's retrieval: a function chunk as the selection (definitions it uses, its callers, its enclosing chunk).
  const functions = (await engine.store.chunks
    .query()
    .where(`kind = 'function'`)
    .select(['path', 'start_line', 'end_line', 'text'])
    .limit(100_000)
    .toArray()) as Array<{ path: string; start_line: number; end_line: number; text: string }>;
  const rng = mulberry32(7);
  const picks = Array.from({ length: 100 }, () => functions[Math.floor(rng() * functions.length)]!);
  const review: number[] = [];
  let callers = 0;
  for (const f of picks) {
    const t = performance.now();
    const r = await engine.retriever.retrieve({
      query: '',
      selection: { path: f.path, startLine: f.start_line, endLine: f.end_line, text: f.text },
      path: f.path,
      includeStandards: true,
      allApplicableStandards: true,
    });
    review.push(performance.now() - t);
    callers += r.chunks.filter((c) => c.reasons.includes('caller')).length;
  }
  console.log(`review retrieval (a function as the selection, n=${picks.length}): p50 ${median(review).toFixed(1)} p95 ${percentile(review, 95).toFixed(1)} ms; ${(callers / picks.length).toFixed(1)} caller chunks each`);
  await engine.close();
}
