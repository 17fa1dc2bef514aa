import { describe, expect, it } from 'vitest';
import { queryTermSets, queryTerms, withoutVersionDumps } from '../../../src/core/retrieve/queryTerms';
import { contentTerms, nameMatch } from '../../../src/core/retrieve/coverage';
import { filesFromChunks, lexicalFirst, rankFiles, rankFunctions, withNameMatch, type ScoredChunk } from '../../../src/core/retrieve/ranking';

const c = (path: string, symbol: string, score: number, kind = 'function'): ScoredChunk => ({ item: { path, symbol, kind }, score, lists: ['lexical'] });

describe('queryTerms', () => {
  it('joins hyphenated option names into the identifier code uses', () => {
    const terms = queryTerms('`--recursive=y` ignores `ignore-paths`');
    expect(terms).toEqual(expect.arrayContaining(['recursive', 'ignore', 'paths', 'ignorepaths']));
  });

  it('keeps distinct terms in order of first appearance, capped', () => {
    expect(queryTerms('parse config parseConfig parse')).toEqual(['parse', 'config', 'parseconfig']);
    expect(queryTerms('a1 b2 c3 d4 e5', 2)).toHaveLength(2);
  });

  it('drops pasted version dumps but keeps pasted config', () => {
    const dump = ['INSTALLED VERSIONS', '------------------', 'commit: None', 'python: 3.7.3 (default, Mar 27 2019)', 'OS: Linux',
      'LANG: en_GB.UTF-8', '', 'xarray: 0.15.1', 'pandas: 1.0.3', 'numpy: 1.17.3', 'setuptools: 46.1.3'].join('\r\n');
    const text = `to_unstacked_dataset broken\n${dump}\nthanks`;
    expect(withoutVersionDumps(text)).toBe('to_unstacked_dataset broken\nINSTALLED VERSIONS\n------------------\nthanks');
    expect(queryTermSets(text).all).not.toContain('pandas');
    const config = ['[tool.black]', 'line-length: 100', 'target-version: py38', 'skip-string-normalization: true',
      'preview: true', 'include: src', 'exclude: build'].join('\n');
    expect(withoutVersionDumps(config)).toBe(config);
  });

  it('separates the first line (an issue title) as lead terms', () => {
    const q = queryTermSets('tmpdir fails for odd user names\nTraceback: getpass.getuser() returned a domain name');
    expect(q.lead).toEqual(['tmpdir', 'fails', 'for', 'odd', 'user', 'names']);
    expect(q.all).toEqual(expect.arrayContaining(['getuser', 'domain']));
  });
});

describe('file ranking', () => {
  it('sums a file’s chunk scores with a decay, so one strong chunk beats many weak ones', () => {
    const files = filesFromChunks([c('a.py', 'f', 0.05), ...Array.from({ length: 3 }, (_, i) => c('b.py', `g${i}`, 0.012))]);
    expect(files[0]!.path).toBe('a.py');
  });

  it('fuses chunk evidence with the whole-file list and applies the kind prior', () => {
    const prior = (p: string) => (p === 'CHANGES.md' ? 0.15 : 1);
    const ranked = rankFiles({
      chunks: [c('CHANGES.md', '', 0.05, 'section'), c('src/lines.py', 'is_line_short_enough', 0.03)],
      fileLexical: ['CHANGES.md', 'src/lines.py'],
      named: [],
      prior,
    });
    expect(ranked.map((f) => f.path)).toEqual(['src/lines.py', 'CHANGES.md']);
  });

  it('lets the whole-file list lift a long file that no single chunk ranks first', () => {
    // big.go's chunks sum to more than small.go's one chunk, but its best chunk is second
    const ranked = rankFiles({
      chunks: [c('small.go', 'f', 0.03), c('big.go', 'g', 0.029), c('big.go', 'h', 0.01)],
      fileLexical: ['big.go', 'other.go', 'small.go'],
      named: [],
      prior: () => 1,
    });
    expect(ranked[0]!.path).toBe('big.go');
  });

  it('keeps files the prior lowers out of the whole-file list, so they do not push code down in it', () => {
    // CHANGES.md tops the whole-file list; a.py is second there and b.py first by coverage
    const evidence = {
      chunks: [c('CHANGES.md', '', 0.02, 'section')],
      fileLexical: ['CHANGES.md', 'a.py'],
      coverage: ['b.py'],
      named: [],
      prior: (p: string) => (p === 'CHANGES.md' ? 0.15 : 1),
    };
    const ranked = rankFiles(evidence);
    expect(ranked.find((f) => f.path === 'a.py')!.score).toBeCloseTo(ranked.find((f) => f.path === 'b.py')!.score, 10);
    expect(ranked.map((f) => f.path)).toContain('CHANGES.md');
    // a file the query names keeps its place in the list whatever its kind
    const named = rankFiles({ ...evidence, chunks: [], coverage: [], named: ['CHANGES.md'] });
    expect(named.find((f) => f.path === 'a.py')!.evidence).toBeLessThan(named.find((f) => f.path === 'CHANGES.md')!.evidence);
  });

  it('keeps the kinds a query asks for in the whole-file list', () => {
    // a docs question: README's prior is the intent prior (0.8), a test file's stays low
    const ranked = rankFiles({
      chunks: [],
      fileLexical: ['README.md', 'test_a.py', 'a.py'],
      named: [],
      prior: (p: string) => (p === 'README.md' ? 0.8 : p === 'test_a.py' ? 0.4 : 1),
    });
    expect(ranked.map((f) => f.path)).toEqual(['a.py', 'README.md']);
    expect(ranked[1]!.evidence).toBeGreaterThan(ranked[0]!.evidence);
  });

  it('exempts files the query names from the prior', () => {
    // the named file's chunks come in through the path list, unscaled by the prior
    const ranked = rankFiles({
      chunks: [c('src/a.py', 'f', 0.03), c('docs/usage.md', 'Usage', 0.02, 'section')],
      fileLexical: ['src/a.py', 'docs/usage.md'],
      named: ['docs/usage.md'],
      prior: (p) => (p.endsWith('.md') ? 0.35 : 1),
    });
    expect(ranked[0]!.path).toBe('docs/usage.md');
  });
});

describe('function ranking', () => {
  it('gives functions a share of their file’s score and skips non-functions', () => {
    const fns = rankFunctions(
      [c('a.py', 'helper', 0.02), c('b.py', 'target', 0.018), c('b.py', '', 0.05, 'module'), c('b.py', 'Doc', 0.05, 'section')],
      [{ path: 'b.py', score: 0.04 }, { path: 'a.py', score: 0.01 }],
    );
    expect(fns.map((f) => f.id)).toEqual(['b.py::target', 'a.py::helper']);
  });

  it('separates functions whose fused scores are close by their own BM25 scores', () => {
    // ranks 3 and 4 in the fused list, one matching the query far better than the other
    const withScore = (chunk: ScoredChunk, score: number): ScoredChunk => ({ ...chunk, item: { ...chunk.item, _score: score } });
    const fns = rankFunctions(
      [withScore(c('a.ts', 'best', 0.02), 40), withScore(c('a.ts', 'sibling', 0.0161), 8), withScore(c('a.ts', 'described', 0.0159), 30)],
      [{ path: 'a.ts', score: 0.03 }],
    );
    expect(fns.map((f) => f.id)).toEqual(['a.ts::best', 'a.ts::described', 'a.ts::sibling']);
  });

  it('gives the function a stack trace was raised in the best lexical share', () => {
    // a caller repeats more of the trace's words than the innermost frame's function does
    const withScore = (chunk: ScoredChunk, score: number): ScoredChunk => ({ ...chunk, item: { ...chunk.item, _score: score } });
    const chunks = [withScore(c('plot.py', 'Plotter.setup_scales', 0.0164), 40), withScore(c('scales.py', 'Continuous.setup', 0.0166), 5)];
    expect(rankFunctions(chunks, [])[0]!.id).toBe('plot.py::Plotter.setup_scales');
    expect(rankFunctions(chunks, [], 'scales.py::Continuous.setup')[0]!.id).toBe('scales.py::Continuous.setup');
  });

  it('reads how much of a function’s own name a query says', () => {
    const terms = contentTerms('Combines multiple sourcemaps into a single sourcemap.');
    expect(nameMatch(terms, 'combineSourcemaps')).toEqual({ share: 1, matched: 2 });
    expect(nameMatch(terms, 'combineSourcemapsIfExists')).toEqual({ share: 2 / 3, matched: 2 }); // `if` is a stop word
    expect(nameMatch(terms, 'TransformPluginContext.getCombinedSourcemap')).toEqual({ share: 1, matched: 2 }); // its own name; `get` is a stop word
    expect(nameMatch(terms, 'render_line')).toEqual({ share: 0, matched: 0 });
    expect(nameMatch([], 'combineSourcemaps')).toEqual({ share: 0, matched: 0 });
  });

  it('lifts the function whose name a docstring paraphrases above one that matches its words as well', () => {
    const terms = contentTerms('Search up for the nearest package.json');
    // search, package of search·for·package·root; nearest, package of find·nearest·package·path
    expect(nameMatch(terms, 'searchForPackageRoot')).toEqual({ share: 2 / 3, matched: 2 });
    expect(nameMatch(terms, 'findNearestPackagePath')).toEqual({ share: 0.5, matched: 2 });
    const fused = [
      { ...c('resolve.ts', 'findNearestPackagePath', 0.03), evidence: 0.03 },
      { ...c('searchRoot.ts', 'searchForPackageRoot', 0.029), evidence: 0.029 },
      { ...c('searchRoot.ts', 'search', 0.028), evidence: 0.028 },
    ];
    expect(withNameMatch(fused, terms).map((f) => f.item.symbol)).toEqual(['searchForPackageRoot', 'findNearestPackagePath', 'search']);
    // one word of a name is said by too many queries: `search` alone gets nothing
    expect(withNameMatch(fused, contentTerms('search the index')).map((f) => f.score)).toEqual(fused.map((f) => f.score));
    expect(withNameMatch(fused, [])).toBe(fused);
  });

  it('counts a name of which the query says three words more than one of which it says two', () => {
    const fused = [
      { ...c('optimizer/index.ts', 'optimizeDeps', 0.03), evidence: 0.03 },
      { ...c('optimizer/index.ts', 'runOptimizeDeps', 0.0295), evidence: 0.0295 },
    ];
    const ranked = withNameMatch(fused, contentTerms('Internally, Vite uses this function to prepare a optimizeDeps run.'));
    expect(ranked.map((f) => f.item.symbol)).toEqual(['runOptimizeDeps', 'optimizeDeps']);
  });

  it('keeps the best chunk of a function split into several chunks', () => {
    const fns = rankFunctions([c('a.py', 'long', 0.01), c('a.py', 'long', 0.03)], []);
    expect(fns).toEqual([{ id: 'a.py::long', score: 0.03 }]);
  });
});

describe('definition order', () => {
  const row = (id: string) => ({ id });

  it('puts definitions the lexical list also holds first, in lexical order', () => {
    const definitions = [row('meta'), row('patch'), row('run'), row('visit')];
    const lexical = [row('x'), row('visit'), row('y'), row('run')];
    expect(lexicalFirst(definitions, lexical).map((r) => r.id)).toEqual(['visit', 'run', 'meta', 'patch']);
  });

  it('keeps the definitions’ own order (rarest name first) when the lexical list holds none', () => {
    const definitions = [row('rare'), row('common'), row('commoner')];
    expect(lexicalFirst(definitions, [row('other')]).map((r) => r.id)).toEqual(['rare', 'common', 'commoner']);
    expect(lexicalFirst([], [row('other')])).toEqual([]);
  });
});
