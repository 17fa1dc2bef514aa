import { describe, expect, it } from 'vitest';
import type { EvalRow } from '../../../src/core/eval/dataset';
import { normaliseFunctionId, scoreRows, type Prediction } from '../../../src/core/eval/score';

const row = (id: string, goldFiles: string[], goldFunctions: string[] = []): EvalRow => ({
  id, repo: 'o/r', query: 'q', commit: 'c', goldFiles, goldFunctions, namesNoFile: false,
});
const pred = (id: string, files: string[], functions: string[] = []): [string, Prediction] => [
  id, { id, ranked_files: files, ranked_functions: functions },
];

describe('scoreRows (port of evaluate.py)', () => {
  it('computes MRR, Acc, Recall and Hit as evaluate.py does', () => {
    const rows = [row('a', ['x.py']), row('b', ['x.py', 'y.py']), row('c', ['z.py'])];
    const preds = new Map([pred('a', ['w.py', 'x.py']), pred('b', ['y.py', 'q.py', 'q.py', 'x.py'])]);
    const [file] = scoreRows(rows, preds, [1, 3]);
    expect(file).toMatchObject({ level: 'file', n: 3, withPrediction: 2 });
    // a: first gold at 2 → 0.5; b: at 1 → 1; c: no prediction → 0
    expect(file!.mrr).toBe(0.5);
    // b's duplicate q.py is dropped, so x.py is 3rd: every gold item in the top 3
    expect(file!.acc).toEqual({ 1: 0, 3: 0.6667 });
    expect(file!.recall).toEqual({ 1: 0.1667, 3: 0.6667 });
    expect(file!.hit).toEqual({ 1: 0.3333, 3: 0.6667 });
  });

  it('leaves out a level without gold items and reads LocAgent function ids', () => {
    expect(normaliseFunctionId('a/b.py:C.m')).toBe('a/b.py::C.m');
    expect(normaliseFunctionId('a/b.py::C.m')).toBe('a/b.py::C.m');
    const scores = scoreRows([row('a', ['a/b.py'], ['a/b.py::C.m'])], new Map([pred('a', ['a/b.py'], ['a/b.py:C.m'])]));
    expect(scores.map((s) => [s.level, s.mrr])).toEqual([['file', 1], ['function', 1]]);
    expect(scoreRows([row('a', ['a/b.py'])], new Map()).map((s) => s.level)).toEqual(['file']);
  });
});
