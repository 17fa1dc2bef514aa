/**
 * `node bench/run.mjs eval` entry: runs the retrieval eval over one or more datasets and prints a
 * markdown table (stdout); progress goes to stderr.
 *
 *   node bench/run.mjs eval --dataset ../shared/eval/data/psf__black.snapshot.jsonl \
 *       --git-dir /work/.mirror [--limit N] [--ranker groundwork|bm25:py,go|preds:FILE]
 *       [--cache /work/.eval-cache] [--exclude-tests] [--workers 0] [--json FILE] [--verbose]
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultConfig } from '../../src/core/config';
import { bm25ReferenceRanker } from '../../src/core/eval/bm25Reference';
import { predictionsRanker, type RankerFactory } from '../../src/core/eval/ranker';
import { loadReferenceTable } from '../../src/core/eval/reference';
import { formatReport } from '../../src/core/eval/report';
import { runEval, type EvalResult } from '../../src/core/eval/runEval';
import { stderrLogger } from '../../src/core/log';

export async function main(argv: string[], repoRoot: string): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      dataset: { type: 'string', multiple: true },
      'git-dir': { type: 'string' },
      limit: { type: 'string' },
      ranker: { type: 'string', default: 'groundwork' },
      cache: { type: 'string' },
      'exclude-tests': { type: 'boolean', default: false },
      workers: { type: 'string', default: '0' },
      reference: { type: 'string' },
      json: { type: 'string' },
      verbose: { type: 'boolean', default: false },
    },
  });
  if (!values.dataset?.length || !values['git-dir']) {
    throw new Error('usage: run.mjs --dataset FILE [--dataset FILE…] --git-dir DIR [--limit N] [--ranker groundwork|bm25:py|preds:FILE]');
  }
  const logger = stderrLogger(true);
  const spec = values.ranker ?? 'groundwork';
  const ranker: RankerFactory = spec.startsWith('preds:')
    ? await predictionsRanker(spec.slice(6))
    : spec.startsWith('bm25:')
      ? bm25ReferenceRanker(spec.slice(5).split(','))
      : (await import('../../src/core/eval/engineRanker')).engineRanker({
          config: defaultConfig(),
          grammarDir: path.join(repoRoot, 'dist', 'grammars'),
          workers: Number(values.workers),
          workerScript: path.join(repoRoot, 'dist', 'parseWorker.js'),
        });
  const rankerName = spec.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 40);
  const cacheDir = path.resolve(values.cache ?? process.env.GROUNDWORK_EVAL_CACHE ?? path.join(os.tmpdir(), 'groundwork-eval'));
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const results: EvalResult[] = [];
  for (const dataset of values.dataset) {
    const result = await runEval({
      dataset: path.resolve(dataset),
      gitDir: path.resolve(values['git-dir']),
      cacheDir,
      ranker,
      rankerName: values['exclude-tests'] ? `${rankerName}-notests` : rankerName,
      limit: values.limit ? Number(values.limit) : undefined,
      excludeTests: values['exclude-tests'],
      logger: values.verbose ? logger : { ...logger, info: (m) => process.stderr.write(`${m}\n`), debug: () => undefined },
      signal: controller.signal,
    });
    process.stderr.write(`${result.dataset}: ${result.rows} rows, ${result.trees} trees, ${(result.wallMs / 1000).toFixed(1)} s ` +
      `(index ${(result.indexMs / 1000).toFixed(1)} s, queries ${(result.queryMs / 1000).toFixed(1)} s) → ${result.predictionsFile}\n`);
    results.push(result);
  }
  const readme = values.reference ?? path.join(path.dirname(path.dirname(path.resolve(values.dataset[0]!))), 'README.md');
  process.stdout.write(formatReport(results, await loadReferenceTable(readme)));
  if (values.json) await fs.writeFile(values.json, JSON.stringify(results, null, 1));
}
