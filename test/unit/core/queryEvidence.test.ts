import { describe, expect, it } from 'vitest';
import { expandAbbreviations } from '../../../src/core/retrieve/abbreviations';
import { parseQuery } from '../../../src/core/retrieve/query';
import { codeTerms, queryTermSets } from '../../../src/core/retrieve/queryTerms';
import { rankFiles, rankFunctions, type ScoredChunk } from '../../../src/core/retrieve/ranking';
import { resolvePath } from '../../../src/core/retrieve/structural';

const c = (path: string, symbol: string, score: number, kind = 'function'): ScoredChunk => ({ item: { path, symbol, kind }, score, lists: ['lexical'] });

describe('stack frames', () => {
  it('reads IPython and pytest frame lines, innermost first', () => {
    const ipython = [
      'File ~/code/seaborn/seaborn/_core/plot.py:804, in Plot.plot(self, pyplot)',
      'File ~/code/seaborn/seaborn/_stats/regression.py:30, in PolyFit._fit_predict(self, data)',
      'File ~/miniconda3/lib/python3.9/site-packages/numpy/lib/polynomial.py:668, in polyfit(x, y, deg)',
    ].join('\n');
    const q = parseQuery(ipython);
    expect(q.framePaths).toEqual([
      '~/miniconda3/lib/python3.9/site-packages/numpy/lib/polynomial.py',
      '~/code/seaborn/seaborn/_stats/regression.py',
      '~/code/seaborn/seaborn/_core/plot.py',
    ]);
    expect(q.frames[1]).toEqual({ path: '~/code/seaborn/seaborn/_stats/regression.py', line: 30, fn: 'PolyFit._fit_predict' });
    expect(q.identifiers).toContain('_fit_predict');
    const pytest = parseQuery('/usr/lib/site-packages/_pytest/runner.py:341: in from_call\n/usr/lib/site-packages/_pytest/python.py:531: in collect');
    expect(pytest.framePaths).toEqual(['/usr/lib/site-packages/_pytest/python.py', '/usr/lib/site-packages/_pytest/runner.py']);
    const old = parseQuery('~/env/lib/site-packages/seaborn/_core.py in _lookup_single(self, key)');
    expect(old.frames[0]).toEqual({ path: '~/env/lib/site-packages/seaborn/_core.py', line: undefined, fn: '_lookup_single' });
  });

  it('keeps the standard format innermost-last order and puts frame paths first', () => {
    const q = parseQuery('see docs/usage.md\nTraceback:\n  File "/app/pkg/a.py", line 1, in f\n  File "/app/pkg/b.py", line 2, in g');
    expect(q.framePaths).toEqual(['/app/pkg/b.py', '/app/pkg/a.py']);
    expect(q.paths.slice(0, 2)).toEqual(['/app/pkg/b.py', '/app/pkg/a.py']);
    expect(q.paths).toContain('docs/usage.md');
  });

  it('reads Windows paths with their folders', () => {
    expect(parseQuery('C:\\Python38\\lib\\pathlib.py:1266: in mkdir').paths).toContain('Python38/lib/pathlib.py');
  });
});

describe('resolvePath', () => {
  const files = ['src/_pytest/pathlib.py', 'src/_pytest/tmpdir.py', 'seaborn/_core/plot.py', 'seaborn/plot.py', 'a/setup.py', 'b/setup.py', 'c/setup.py', 'examples/pyproject.toml'];

  it('matches a short path by its tail and a long stack-frame path by the longest shared tail', () => {
    expect(resolvePath('tmpdir.py', files)).toEqual(['src/_pytest/tmpdir.py']);
    expect(resolvePath('_pytest/tmpdir.py', files)).toEqual(['src/_pytest/tmpdir.py']);
    expect(resolvePath('/home/u/venv/lib/site-packages/_pytest/tmpdir.py', files)).toEqual(['src/_pytest/tmpdir.py']);
    expect(resolvePath('~/code/seaborn/seaborn/_core/plot.py', files)).toEqual(['seaborn/_core/plot.py']);
    expect(resolvePath('C:\\Users\\u\\site-packages\\seaborn\\plot.py', files)).toEqual(['seaborn/plot.py']);
  });

  it('does not match a file name alone inside a longer foreign path, nor a name many files share', () => {
    expect(resolvePath('/usr/lib/python3.8/pathlib.py', files)).toEqual([]);
    expect(resolvePath('setup.py', files)).toEqual([]);
    expect(resolvePath('pyproject.toml', files)).toEqual(['examples/pyproject.toml']);
    expect(resolvePath('', files)).toEqual([]);
  });
});

describe('query term sets', () => {
  it('collects the code-like words of a query, backticked ones included', () => {
    const terms = codeTerms('set `viteMetadata` for the return value of `build` when make_dir() fails');
    expect(terms).toEqual(expect.arrayContaining(['vite', 'metadata', 'vitemetadata', 'build', 'make', 'dir', 'makedir']));
    expect(terms).not.toContain('return');
    expect(terms).not.toContain('fails');
  });

  it('expands abbreviations both ways, without repeating the query’s own terms', () => {
    expect(expandAbbreviations(['text', 'representation'])).toEqual(['repr']);
    expect(expandAbbreviations(['repr', 'str'])).toEqual(['representation', 'string']);
    expect(expandAbbreviations(['config', 'configuration'])).toEqual(['conf']);
    expect(expandAbbreviations(['plain', 'words'])).toEqual([]);
    expect(queryTermSets('Trailing whitespace in DatasetGroupBy text representation').expanded).toEqual(['repr']);
  });

  it('leaves out the words that ask, but not the same words written as code', () => {
    expect(queryTermSets('Where does ripgrep decide a file is binary?').all).toEqual(['ripgrep', 'decide', 'file', 'is', 'binary']);
    expect(queryTermSets('How can I make my walk skip hidden files? What should we do?').all).toEqual(['make', 'walk', 'skip', 'hidden', 'files']);
    const code = queryTermSets('why is `where` slow in query.where(x) when does_not_match or canMean is called');
    expect(code.all).toEqual(expect.arrayContaining(['where', 'does', 'not', 'match', 'can', 'mean', 'canmean']));
    expect(code.all).not.toContain('why');
    expect(code.all).not.toContain('when');
  });
});

describe('ranking details', () => {
  it('weighs a class skeleton below an equally scored method', () => {
    const fns = rankFunctions([c('g.py', 'GroupBy', 0.03, 'class'), c('g.py', 'GroupBy.__repr__', 0.02, 'method')], [{ path: 'g.py', score: 0.03 }]);
    expect(fns.map((f) => f.id)).toEqual(['g.py::GroupBy.__repr__', 'g.py::GroupBy']);
  });

  it('applies the prior to named files that are not exempt', () => {
    const base = { chunks: [], fileLexical: ['pkg/mod.py'], named: ['examples/pyproject.toml'], prior: (p: string) => (p.endsWith('.toml') ? 0.1 : 1) };
    expect(rankFiles(base)[0]!.path).toBe('examples/pyproject.toml');
    expect(rankFiles({ ...base, exempt: [] })[0]!.path).toBe('pkg/mod.py');
  });
});
