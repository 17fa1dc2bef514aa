import { describe, expect, it } from 'vitest';
import { blankDocLines, datasetKind, parseDataset } from '../../../src/core/eval/dataset';

const jsonl = (...rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

describe('datasets', () => {
  it('takes each kind of row to the commit its tree is indexed at', () => {
    const commitRow = { id: 'r@1', repo: 'o/r', query: 'Fix it.', commit: 'c1', parent_commit: 'p1', snapshot_commit: 's1', gold_files: ['a.py'] };
    expect(parseDataset('/d/o__r.snapshot.jsonl', jsonl(commitRow)).rows[0]!.commit).toBe('s1');
    expect(parseDataset('/d/o__r.per_commit.jsonl', jsonl(commitRow)).rows[0]!.commit).toBe('p1');
    const lite = parseDataset('/d/lite.jsonl', jsonl(
      { instance_id: 'o__r-1', repo: 'o/r', base_commit: 'b1', problem_statement: 'It breaks', gold_files: ['a.py'],
        gold_functions: ['a.py::f'], agentless_labels: { file_location: 'None' } },
      { instance_id: 'o__r-2', repo: 'o/r', base_commit: 'b2', problem_statement: 'a.py breaks', gold_files: ['a.py'],
        agentless_labels: { file_location: 'Keywords' } },
    ));
    expect(lite.kind).toBe('swebench');
    expect(lite.rows.map((r) => [r.id, r.commit, r.query, r.namesNoFile])).toEqual([
      ['o__r-1', 'b1', 'It breaks', true], ['o__r-2', 'b2', 'a.py breaks', false],
    ]);
    const doc = parseDataset('/d/o__r.doc.jsonl', jsonl({ id: 'd1', repo: 'o/r', commit: 'c', query: 'Does x.', lang: 'go',
      gold_files: ['x.go'], gold_functions: ['x.go::X'], doc_lines: [3, 4] }));
    expect(doc.rows[0]!.strip).toEqual({ path: 'x.go', lines: [3, 4], lang: 'go' });
    expect(datasetKind('/d/whatever.jsonl', { snapshot_commit: 's' })).toBe('snapshot');
  });

  it('names the line of a row that cannot be used', () => {
    expect(() => parseDataset('/d/o__r.snapshot.jsonl', '{"id":"x","repo":"o/r","query":"q"}\n')).toThrow(/line 1 .*snapshot commit/);
    expect(() => parseDataset('/d/x.jsonl', '\n{oops\n')).toThrow(/line 2 is not valid JSON/);
  });

  it('blanks doc comments like docstring_queries.py, keeping line numbers', () => {
    const py = 'def f():\n    """Return the thing.\n\n    More.\n    """\n    return 1\n';
    expect(blankDocLines(py, [{ path: 'f.py', lines: [2, 5], lang: 'python' }])).toBe('def f():\n    ""\n\n\n\n    return 1\n');
    const go = '// Foo does a thing\n// with care.\nfunc Foo() {\n}\n';
    expect(blankDocLines(go, [{ path: 'f.go', lines: [1, 2], lang: 'go' }])).toBe('\n\nfunc Foo() {\n}\n');
  });
});
