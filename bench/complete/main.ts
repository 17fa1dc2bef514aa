/**
 * `node bench/run.mjs complete` entry: builds (or reuses) a synthetic index, then measures
 *  1. context assembly (definitions + similar code + standards) per keystroke, p50/p95;
 *  2. the provider's own overhead: InlineCompleter.complete() end to end with debounce 0 against the
 *     local OpenAI-compatible server answering at once (so the time is everything but the model's);
 *  3. a cache hit.
 * Prints a markdown table; it does not assert.
 *
 *   node bench/run.mjs complete [--chunks 100000] [--index DIR] [--iterations 300]
 *
 * `--first [--no-warm]`: only the first completion's context in a freshly opened index, with a
 * 15 ms deadline (the extension's until session 12; now 50), after `warm()` (as the extension does once the index is ready) or
 * without it: its time and the parts it got. Run it a few times each way (each run is one sample).
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { InlineCompleter } from '../../src/core/complete/completer';
import { IndexContextSource } from '../../src/core/complete/context';
import type { CompletionRequest } from '../../src/core/complete/types';
import { parseConfig } from '../../src/core/config';
import { IndexStore } from '../../src/core/index/store';
import { silentLogger, stderrLogger } from '../../src/core/log';
import { createModelClient } from '../../src/core/model/client';
import { startOpenAIServer } from '../../test/support/openaiServer';
import { buildSyntheticIndex, rng, syntheticName } from './synthetic';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(samples: number[]): { p50: string; p95: string; max: string } {
  const s = [...samples].sort((a, b) => a - b);
  const f = (x: number) => x.toFixed(1);
  return { p50: f(percentile(s, 50)), p95: f(percentile(s, 95)), max: f(s[s.length - 1]!) };
}

/** A cursor in a function being written that uses three indexed functions. */
function cursorAt(i: number, chunks: number, random: () => number): CompletionRequest {
  const names = [0, 1, 2].map(() => syntheticName(Math.floor(random() * chunks)));
  const prefix =
    `import { ${names.join(', ')} } from '../shared';\n\n` +
    `export async function handle${i}(input: RequestInput, signal: AbortSignal): Promise<void> {\n` +
    `  const loaded = await ${names[0]}(input.id, { signal });\n` +
    `  const merged = ${names[1]}({ ...loaded, at: ${i} });\n` +
    `  if (merged.entries.length > ${i % 7}) {\n` +
    `    await ${names[2]}(`;
  return { path: `src/feature/handler${i}.ts`, language: 'typescript', prefix, suffix: ');\n  }\n}\n', line: 7 };
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      chunks: { type: 'string', default: '100000' }, index: { type: 'string' }, iterations: { type: 'string', default: '300' },
      first: { type: 'boolean', default: false }, 'no-warm': { type: 'boolean', default: false },
    },
  });
  const chunks = Number(values.chunks);
  const iterations = Number(values.iterations);
  const dir = values.index ?? path.join(os.tmpdir(), `gw-bench-complete-${chunks}`);
  const log = stderrLogger(false);

  let started = performance.now();
  const store = existsSync(path.join(dir, 'meta.json'))
    ? await IndexStore.open(dir, '/synthetic', log)
    : await buildSyntheticIndex({ dir, chunks, logger: log, onProgress: (d, n) => process.stderr.write(`building synthetic index: ${d}/${n} chunks\n`) });
  const counts = await store.counts();
  process.stderr.write(`index ready in ${((performance.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(counts)} at ${dir}\n`);

  if (values.first) {
    const first = new IndexContextSource(store, silentLogger, { deadlineMs: 15 });
    started = performance.now();
    if (!values['no-warm']) await first.warm();
    const warmed = performance.now() - started;
    const t0 = performance.now();
    const snippets = await first.gather({ ...cursorAt(1, chunks, rng(11)), budgetTokens: 400 });
    console.log(`first completion context${values['no-warm'] ? ' (not warmed)' : ` (after warm(): ${warmed.toFixed(0)} ms)`}: ` +
      `${(performance.now() - t0).toFixed(1)} ms, parts: ${snippets.map((x) => x.kind).join(', ') || 'none'}`);
    await store.close();
    return;
  }

  const source = new IndexContextSource(store, silentLogger, { deadlineMs: 60_000 });
  started = performance.now();
  await source.warm();
  const warmMs = performance.now() - started;

  const only = (part: 'definitions' | 'similar' | 'standards') =>
    new IndexContextSource(store, silentLogger, {
      deadlineMs: 60_000,
      ...(part === 'definitions' ? {} : { maxDefinitions: 0 }),
      ...(part === 'similar' ? {} : { maxSimilar: 0 }),
      ...(part === 'standards' ? {} : { maxStandards: 0 }),
    });
  const parts = { definitions: only('definitions'), similar: only('similar'), standards: only('standards') };
  await parts.definitions.warm();
  const timings: Record<'all' | keyof typeof parts, number[]> = { all: [], definitions: [], similar: [], standards: [] };
  let snippetCount = 0;
  const random = rng(7);
  for (let i = 0; i < iterations + 20; i++) {
    const req = { ...cursorAt(i, chunks, random), budgetTokens: 400 };
    const t0 = performance.now();
    const snippets = await source.gather(req);
    if (i >= 20) {
      timings.all.push(performance.now() - t0);
      snippetCount += snippets.length;
    }
    for (const [name, part] of Object.entries(parts) as Array<[keyof typeof parts, IndexContextSource]>) {
      const t1 = performance.now();
      await part.gather(req);
      if (i >= 20) timings[name].push(performance.now() - t1);
    }
  }

  const server = await startOpenAIServer();
  server.setHandler('completions', () => 'entry, { retries: 1 }');
  const client = createModelClient(
    { role: 'completion', baseUrl: server.url, model: 'qwen2.5-coder:1.5b-base', temperature: 0.1, maxTokens: 64, timeoutMs: 10_000 },
    { logger: silentLogger, retry: { retries: 0 } },
  );
  const config = parseConfig({ 'completion.debounceMs': 0 });
  const completer = new InlineCompleter({
    logger: log,
    config: () => config,
    clientFor: async () => client,
    contextFor: async () => source,
    isTrusted: () => true,
    isExcluded: () => false,
    repoName: () => 'synthetic',
  });
  const overhead: number[] = [];
  const cacheHits: number[] = [];
  let shown = 0;
  for (let i = 0; i < iterations + 20; i++) {
    const req = cursorAt(i, chunks, random);
    const t0 = performance.now();
    const result = await completer.complete(req);
    if (i >= 20) overhead.push(performance.now() - t0);
    if (result) shown++;
    const t1 = performance.now();
    await completer.complete(req);
    if (i >= 20) cacheHits.push(performance.now() - t1);
  }
  await server.close();
  await store.close();

  const a = summary(timings.all);
  const d = summary(timings.definitions);
  const s = summary(timings.similar);
  const st = summary(timings.standards);
  const o = summary(overhead);
  const c = summary(cacheHits);
  console.log(`## Inline completions (${counts.chunks.toLocaleString('en-US')} chunks, ${counts.symbols.toLocaleString('en-US')} definitions, ${iterations} cursors, ${os.cpus().length} CPUs)`);
  console.log('');
  console.log('| measure | p50 ms | p95 ms | max ms |');
  console.log('| --- | ---: | ---: | ---: |');
  console.log(`| context assembly (definitions + similar code + standards) | ${a.p50} | ${a.p95} | ${a.max} |`);
  console.log(`| … definitions alone (symbol view + one take) | ${d.p50} | ${d.p95} | ${d.max} |`);
  console.log(`| … similar code alone (BM25, 1 result) | ${s.p50} | ${s.p95} | ${s.max} |`);
  console.log(`| … standards alone | ${st.p50} | ${st.p95} | ${st.max} |`);
  console.log(`| provider overhead (complete() with an instant model, debounce 0) | ${o.p50} | ${o.p95} | ${o.max} |`);
  console.log(`| cache hit | ${c.p50} | ${c.p95} | ${c.max} |`);
  console.log('');
  console.log(`symbol view load (once per index version): ${warmMs.toFixed(0)} ms; snippets per prompt: ${(snippetCount / iterations).toFixed(2)}; completions shown: ${shown}/${iterations + 20}`);
}
