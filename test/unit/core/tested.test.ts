import { describe, expect, it } from 'vitest';
import { fileKind } from '../../../src/core/retrieve/fileKind';
import { rankFiles } from '../../../src/core/retrieve/ranking';
import { testedFiles, testSubject } from '../../../src/core/retrieve/tested';

const at = (...paths: string[]) => paths.map((path) => ({ item: { path } }));

describe('tests as pointers to code', () => {
  it('reads the module a test file is named after, in each naming convention', () => {
    expect(testSubject('testing/test_skipping.py')).toBe('skipping');
    expect(testSubject('tests/checkers/unittest_misc.py')).toBe('misc');
    expect(testSubject('src/terminal_test.go')).toBe('terminal');
    expect(testSubject('packages/vite/src/node/__tests__/static.spec.ts')).toBe('static');
    expect(testSubject('src/utils.test.tsx')).toBe('utils');
    expect(testSubject('src/test/java/FooTest.java')).toBe('foo');
    // Not named after a module: a test folder's helper, a fixture, a bare `test.py`.
    expect(testSubject('testing/conftest.py')).toBeUndefined();
    expect(testSubject('tests/data/cases/comments.py')).toBeUndefined();
    expect(testSubject('test_.py')).toBeUndefined();
  });

  it('ranks code files by the best-ranked test named after them, nearest folder first', () => {
    const chunks = at('src/_pytest/nodes.py', 'testing/test_skipping.py', 'src/_pytest/skipping.py', 'testing/test_pathlib.py', 'testing/test_skipping.py');
    const code = ['src/_pytest/nodes.py', 'src/_pytest/skipping.py', 'src/_pytest/pathlib.py', 'src/_pytest/_py/path.py'];
    expect(testedFiles(chunks, code, fileKind)).toEqual(['src/_pytest/skipping.py', 'src/_pytest/pathlib.py']);
    // Go keeps a test beside its file: the same folder wins over a same-named file elsewhere.
    expect(testedFiles(at('src/terminal_test.go'), ['src/tui/terminal.go', 'src/terminal.go'], fileKind)).toEqual(['src/terminal.go']);
    // Of files named alike in other folders, the one sharing most folders with the test.
    expect(testedFiles(at('pkg/a/tests/test_util.py'), ['pkg/b/util.py', 'pkg/a/util.py'], fileKind)).toEqual(['pkg/a/util.py']);
  });

  it('looks only at tests that rank among the best chunks, and maps them to code files only', () => {
    const deep = [...Array.from({ length: 50 }, (_, i) => ({ item: { path: `src/m${i}.py` } })), ...at('tests/test_deep.py')];
    expect(testedFiles(deep, ['src/deep.py'], fileKind)).toEqual([]);
    expect(testedFiles(at('tests/test_setup.py'), ['setup.cfg', 'docs/setup.md'], fileKind)).toEqual([]);
  });

  it('lifts a tested file past an untested one that is otherwise tied', () => {
    const chunks = at('src/a.py', 'src/b.py').map((c, i) => ({ ...c, item: { ...c.item, kind: 'function', symbol: 'f' }, score: 1 - i / 10, lists: [] }));
    const evidence = { chunks, fileLexical: ['src/b.py', 'src/a.py'], named: [], prior: () => 1 };
    expect(rankFiles(evidence).map((f) => f.path)[0]).toBe('src/a.py');
    expect(rankFiles({ ...evidence, tested: ['src/b.py'] }).map((f) => f.path)[0]).toBe('src/b.py');
  });
});
