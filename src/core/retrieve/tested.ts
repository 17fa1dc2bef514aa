/**
 * Tests as pointers to code: a test file is named after the module it tests (`test_skipping.py`,
 * `unittest_misc.py`, `static.spec.ts`, `terminal_test.go`), and its text describes behaviour in
 * the words reports and commit messages use. The code files that the best-matching tests test are
 * evidence for a file ranking, though the tests themselves are rarely the answer.
 */
import type { FileKind } from './fileKind';

/**
 * How deep in the fused chunks (best first, kind prior applied) a test must rank to count: a test
 * that ranks there despite its prior (0.4) matches the query as well as the code does. Deeper
 * (80, 150, or the first 3–5 test files wherever they rank) the docstring and fzf sets lost
 * 0.02–0.1: weakly matching tests point at the hub modules every test touches.
 */
export const TESTED_DEPTH = 40;

const TEST_AFFIXES = /^(?:test_|tests_|unittest_|test-)|(?:_tests?|-tests?|\.tests?|\.spec|Tests?)$/;

function stemOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.indexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

function dirOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1);
}

/** The module name a test file is named after (`test_skipping.py` → `skipping`), if it is named after one. */
export function testSubject(testPath: string): string | undefined {
  const base = testPath.slice(testPath.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
  const subject = base.replace(TEST_AFFIXES, '');
  if (subject === base || subject.length < 3) return undefined;
  return subject.toLowerCase();
}

/** Path segments two paths share, counted from the front (`src/a/x.py`, `src/a/y.py` → 2). */
function sharedFolders(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  let n = 0;
  while (n < x.length - 1 && n < y.length - 1 && x[n] === y[n]) n++;
  return n;
}

/**
 * Code files in the order of the best-ranked test chunk that tests them (`chunks` best first). A
 * test maps to the code files (among `codePaths`) whose name is its subject; of several, those
 * sharing most folders with it, or in the same folder (Go), win.
 */
export function testedFiles(
  chunks: ReadonlyArray<{ item: { path: string } }>,
  codePaths: readonly string[],
  kindOf: (path: string) => FileKind,
  depth = TESTED_DEPTH,
): string[] {
  const byStem = new Map<string, string[]>();
  for (const p of new Set(codePaths)) {
    if (kindOf(p) !== 'code') continue;
    const stem = stemOf(p).toLowerCase();
    const list = byStem.get(stem);
    if (list) list.push(p);
    else byStem.set(stem, [p]);
  }
  const out: string[] = [];
  const seenTests = new Set<string>();
  for (const { item } of chunks.slice(0, depth)) {
    if (seenTests.has(item.path) || kindOf(item.path) !== 'test') continue;
    seenTests.add(item.path);
    const subject = testSubject(item.path);
    const candidates = subject ? byStem.get(subject) : undefined;
    if (!candidates) continue;
    const sameDir = candidates.filter((c) => dirOf(c) === dirOf(item.path));
    const pool = sameDir.length > 0 ? sameDir : candidates;
    const best = Math.max(...pool.map((c) => sharedFolders(c, item.path)));
    for (const c of pool) if (sharedFolders(c, item.path) === best && !out.includes(c)) out.push(c);
  }
  return out;
}
