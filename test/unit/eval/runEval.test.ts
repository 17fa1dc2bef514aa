import { mkdtempSync, promises as fs, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bm25ReferenceRanker, referenceTokens } from '../../../src/core/eval/bm25Reference';
import { predictionsRanker } from '../../../src/core/eval/ranker';
import { parseReferenceTable } from '../../../src/core/eval/reference';
import { formatReport } from '../../../src/core/eval/report';
import { isTestPath, runEval } from '../../../src/core/eval/runEval';
import { silentLogger } from '../../../src/core/log';
import { gitFixture, type GitFixture } from './gitFixture';

const README = `## Reference: plain BM25 (x)

| dataset | level | n | MRR | R@1 | R@5 | R@10 | Acc@1 | Acc@3 | Acc@5 | Acc@10 |
|---|---|---|---|---|---|---|---|---|---|---|
| commits o__r (per_commit) | file | 2 | 0.500 | 0.5 | 0.5 | 0.5 | 0.500 | 0.500 | 0.500 | 0.500 |

After the table.
`;

describe('runEval', () => {
  let repo: GitFixture;
  let cache: string;
  beforeEach(() => {
    repo = gitFixture();
    cache = mkdtempSync(path.join(os.tmpdir(), 'gw-eval-run-'));
  });
  afterEach(() => {
    repo.cleanup();
    rmSync(cache, { recursive: true, force: true });
  });

  it('indexes each row at its own commit, oldest first, and scores the predictions', async () => {
    const c1 = repo.commit({ 'src/parser.py': 'def parse_config(text):\n    return text\n', 'src/render.py': 'def draw():\n    pass\n' }, '2021-01-01T00:00:00Z');
    const c2 = repo.commit({ 'src/cache.py': 'def evict_entries(cache):\n    cache.clear()\n' }, '2021-02-01T00:00:00Z');
    const dataset = path.join(cache, 'o__r.per_commit.jsonl');
    // file order is newest first: the harness must still move forward in time
    writeFileSync(dataset, [
      { id: 'r2', repo: 'o/r', query: 'Evict cache entries', parent_commit: c2, commit: 'x', gold_files: ['src/cache.py'] },
      { id: 'r1', repo: 'o/r', query: 'Parse the config text', parent_commit: c1, commit: 'y', gold_files: ['src/render.py'] },
    ].map((r) => JSON.stringify(r)).join('\n') + '\n');
    const messages: string[] = [];
    const logger = { ...silentLogger, info: (m: string) => messages.push(m) };
    const result = await runEval({ dataset, gitDir: repo.dir, cacheDir: cache, ranker: bm25ReferenceRanker(['py']), rankerName: 'bm25', logger });
    expect(result).toMatchObject({ dataset: 'o__r.per_commit', kind: 'per_commit', rows: 2, trees: 2 });
    expect(messages[0]).toContain(`o/r@${c1.slice(0, 10)}`);
    const preds = (await fs.readFile(result.predictionsFile, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { id: string; ranked_files: string[] });
    expect(preds.map((p) => [p.id, p.ranked_files[0]])).toEqual([['r1', 'src/parser.py'], ['r2', 'src/cache.py']]);
    const file = result.slices[0]!.scores[0]!;
    expect(file).toMatchObject({ level: 'file', n: 2, mrr: 0.5 });
    expect(file.acc[1]).toBe(0.5);

    const table = formatReport([result], parseReferenceTable(README));
    expect(table).toContain('| commits o__r (per_commit) | file | 2 | 0.500 | 0.500 |');
    expect(table).toMatch(/\| 0\.500 \| 1\.00 \|/);

    // replaying the written predictions gives the same scores
    const replay = await runEval({ dataset, gitDir: repo.dir, cacheDir: cache, ranker: await predictionsRanker(result.predictionsFile), rankerName: 'replay', logger: silentLogger });
    expect(replay.slices[0]!.scores).toEqual(result.slices[0]!.scores);
  });

  it('counts rows whose commit is missing as misses and can leave tests out of rankings', async () => {
    const c1 = repo.commit({ 'lib/a.py': 'def alpha_beta():\n    pass\n', 'tests/test_a.py': 'def test_alpha_beta():\n    alpha_beta()\n' }, '2021-01-01T00:00:00Z');
    const dataset = path.join(cache, 'o__r.snapshot.jsonl');
    writeFileSync(dataset, [
      { id: 's1', repo: 'o/r', query: 'alpha beta alpha beta', snapshot_commit: c1, gold_files: ['lib/a.py'] },
      { id: 's2', repo: 'o/r', query: 'alpha', snapshot_commit: 'f'.repeat(40), gold_files: ['lib/a.py'] },
    ].map((r) => JSON.stringify(r)).join('\n'));
    const warnings: string[] = [];
    const result = await runEval({ dataset, gitDir: repo.dir, cacheDir: cache, ranker: bm25ReferenceRanker(['py']), rankerName: 'bm25',
      excludeTests: true, logger: { ...silentLogger, warn: (m) => warnings.push(m) } });
    expect(warnings.join()).toMatch(/is not in .*count as misses/);
    expect(result.slices[0]!.scores[0]).toMatchObject({ n: 2, withPrediction: 1, mrr: 0.5 });
    expect(isTestPath('tests/test_a.py') && isTestPath('src/x.spec.ts') && !isTestPath('src/latest.py')).toBe(true);
  });

  it('tokenises like the Python reference', () => {
    expect(referenceTokens('parseConfigFile(self, HTTPServer) the 42')).toEqual([
      'parseconfigfile', 'parse', 'config', 'file', 'httpserver', 'http', 'server', '42',
    ]);
  });
});
