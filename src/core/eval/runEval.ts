/**
 * The retrieval eval: for each distinct tree of a dataset (oldest commit first, one work tree and
 * one index per repository, re-indexed incrementally), query every row, write predictions in
 * evaluate.py's format and score them.
 */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { GroundworkError, throwIfAborted } from '../errors';
import type { Logger, ProgressCallback } from '../log';
import { loadDataset, type Dataset, type EvalRow } from './dataset';
import { commitTimes, hasCommit } from './gitTree';
import type { Ranker, RankerFactory } from './ranker';
import { scoreRows, type LevelScore, type Prediction } from './score';
import { WorkTree } from './workTree';

export interface EvalOptions {
  dataset: string;
  /** A bare git directory of the repository, or a mirror root holding `<owner>+<name>/repo`. */
  gitDir: string;
  /** Work trees, indexes and predictions go here (outside any repository). */
  cacheDir: string;
  ranker: RankerFactory;
  /** Names the index directory and the predictions file, e.g. `groundwork`. */
  rankerName: string;
  /** Only the first N rows of the dataset (in file order). */
  limit?: number;
  /** Entries per ranking written to the predictions (default 50). */
  topK?: number;
  /** Drop test paths from the rankings (materialize.py's test-path rule). */
  excludeTests?: boolean;
  logger: Logger;
  signal?: AbortSignal;
  onProgress?: ProgressCallback;
}

export interface EvalSlice {
  name: string;
  scores: LevelScore[];
}

export interface EvalResult {
  dataset: string;
  kind: Dataset['kind'];
  rows: number;
  trees: number;
  predictionsFile: string;
  /** The whole set first, then slices (SWE-bench: issues that name no file). */
  slices: EvalSlice[];
  wallMs: number;
  indexMs: number;
  queryMs: number;
}

const TEST_RE =
  /(^|\/)(tests?|testing|__tests__|spec|specs|testdata|fixtures?)(\/|$)|(^|\/)test_[^/]*$|_test\.[a-z]+$|\.test\.[a-z]+$|\.spec\.[a-z]+$|(^|\/)[^/]*Tests?\.java$/i;

export function isTestPath(p: string): boolean {
  return TEST_RE.test(p);
}

/** `<dir>/<owner>+<name>/repo`, `<dir>/<owner>+<name>`, or `<dir>` itself. */
export function resolveGitDir(gitDir: string, repo: string): string {
  const flat = repo.replace('/', '+');
  for (const candidate of [path.join(gitDir, flat, 'repo'), path.join(gitDir, flat)]) {
    if (existsSync(path.join(candidate, 'HEAD'))) return candidate;
  }
  return gitDir;
}

interface Group {
  repo: string;
  commit: string;
  rows: EvalRow[];
  time: number;
}

async function groupRows(rows: readonly EvalRow[], gitDirOf: (repo: string) => string, signal?: AbortSignal): Promise<Group[]> {
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const key = `${row.repo}@${row.commit}`;
    const g = groups.get(key) ?? { repo: row.repo, commit: row.commit, rows: [], time: 0 };
    g.rows.push(row);
    groups.set(key, g);
  }
  const byRepo = new Map<string, Group[]>();
  for (const g of groups.values()) byRepo.set(g.repo, [...(byRepo.get(g.repo) ?? []), g]);
  const out: Group[] = [];
  for (const [repo, gs] of [...byRepo.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const times = await commitTimes(gitDirOf(repo), gs.map((g) => g.commit), signal).catch(() => new Map<string, number>());
    for (const g of gs) g.time = times.get(g.commit) ?? 0;
    out.push(...gs.sort((a, b) => a.time - b.time || a.commit.localeCompare(b.commit)));
  }
  return out;
}

export async function runEval(opts: EvalOptions): Promise<EvalResult> {
  const started = Date.now();
  const { logger, signal } = opts;
  const topK = opts.topK ?? 50;
  const dataset = await loadDataset(opts.dataset);
  const rows = opts.limit ? dataset.rows.slice(0, opts.limit) : dataset.rows;
  if (rows.length === 0) throw new GroundworkError(`Dataset ${opts.dataset} has no rows.`);
  const gitDirOf = (repo: string) => resolveGitDir(opts.gitDir, repo);
  const groups = await groupRows(rows, gitDirOf, signal);
  const predsDir = path.join(opts.cacheDir, 'predictions');
  await fs.mkdir(predsDir, { recursive: true });
  const predictionsFile = path.join(predsDir, `${dataset.name}${opts.limit ? `.first${opts.limit}` : ''}.${opts.rankerName}.jsonl`);
  const predictions = new Map<string, Prediction>();
  const out = await fs.open(predictionsFile, 'w');
  let indexMs = 0;
  let queryMs = 0;
  let current: { repo: string; ranker: Ranker; tree: WorkTree } | undefined;
  const keep = (xs: string[], fn: (x: string) => string) =>
    (opts.excludeTests ? xs.filter((x) => !isTestPath(fn(x))) : xs).slice(0, topK);
  try {
    let done = 0;
    for (const [gi, g] of groups.entries()) {
      throwIfAborted(signal);
      const gitDir = gitDirOf(g.repo);
      if (!(await hasCommit(gitDir, g.commit, signal))) {
        logger.warn(`${g.repo}: commit ${g.commit} is not in ${gitDir}; its ${g.rows.length} row(s) count as misses.`);
        continue;
      }
      const t0 = Date.now();
      if (current?.repo !== g.repo) {
        await current?.ranker.close();
        current = undefined;
        const base = path.join(opts.cacheDir, g.repo.replace('/', '+'));
        const root = path.join(base, 'tree');
        const tree = new WorkTree({ gitDir, root, stateFile: path.join(base, 'tree-state.json'), logger });
        // the tree must exist before the ranker opens it
        await tree.checkout(g.commit, strips(g.rows), signal);
        const ranker = await opts.ranker({ repo: g.repo, root, dbDir: path.join(base, `index-${opts.rankerName}`), logger, signal });
        current = { repo: g.repo, ranker, tree };
      }
      const moved = await current.tree.checkout(g.commit, strips(g.rows), signal);
      const summary = await current.ranker.refresh(signal);
      const t1 = Date.now();
      indexMs += t1 - t0;
      for (const row of g.rows) {
        const r = await current.ranker.rank(row, topK * 2, signal);
        const p: Prediction = {
          id: row.id,
          ranked_files: keep(r.files, (x) => x),
          ranked_functions: keep(r.functions, (x) => x.split('::')[0] ?? x),
        };
        predictions.set(row.id, p);
        await out.write(JSON.stringify(p) + '\n');
      }
      queryMs += Date.now() - t1;
      done += g.rows.length;
      opts.onProgress?.({ done, total: rows.length, message: `${g.repo}@${g.commit.slice(0, 10)}` });
      logger.info(
        `[${gi + 1}/${groups.length}] ${g.repo}@${g.commit.slice(0, 10)}: tree +${moved.written} -${moved.removed} ` +
          `(${moved.files} files, ${moved.missing} absent), index ${t1 - t0} ms (${summary}), ${g.rows.length} row(s) in ${Date.now() - t1} ms`,
      );
    }
  } finally {
    await current?.ranker.close();
    await out.close();
  }
  const slices: EvalSlice[] = [{ name: 'all', scores: scoreRows(rows, predictions) }];
  if (dataset.kind === 'swebench') {
    slices.push({ name: 'issue names no file', scores: scoreRows(rows.filter((r) => r.namesNoFile), predictions) });
  }
  return {
    dataset: dataset.name,
    kind: dataset.kind,
    rows: rows.length,
    trees: groups.length,
    predictionsFile,
    slices,
    wallMs: Date.now() - started,
    indexMs,
    queryMs,
  };
}

function strips(rows: readonly EvalRow[]) {
  return rows.flatMap((r) => (r.strip ? [r.strip] : []));
}
