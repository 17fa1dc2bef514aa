import { describe, expect, it } from 'vitest';
import { chunksByCoverage, contentTerms, coverageOf, coverageShares, filesByCoverage } from '../../../src/core/retrieve/coverage';
import { rankFiles, withCoverage, type ScoredChunk } from '../../../src/core/retrieve/ranking';

const chunk = (path: string, symbol: string, text: string) => ({ path, symbol, text });

describe('coverage', () => {
  it('counts the query words a chunk holds at all, whatever their counts', () => {
    const terms = contentTerms('Ignore missing variables when concatenating datasets');
    expect(terms).toEqual(['ignore', 'miss', 'variabl', 'concatenat', 'dataset']); // `when` is a stop word
    const all = chunk('xarray/core/concat.py', 'concat', 'def concatenate(datasets, dim):\n    missing = [v for v in variables if ignore_missing]\n');
    const repeats = chunk('xarray/core/variable.py', 'Variable', 'variables variables variables dataset dataset dataset');
    expect(coverageOf(terms, all)).toBe(1);
    expect(coverageOf(terms, repeats)).toBeCloseTo(2 / 5);
  });

  it('matches a term at the start of an identifier part, not inside a word', () => {
    const [port] = contentTerms('port');
    expect(coverageOf([port!], chunk('a.ts', '', 'import { x } from "y"; export const report = 1;'))).toBe(0);
    expect(coverageOf([port!], chunk('a.ts', '', 'const serverPort = 1;'))).toBe(1);
    expect(coverageOf([port!], chunk('a.ts', '', 'const PORT_NUMBER = 1;'))).toBe(1);
    expect(coverageOf(contentTerms('server'), chunk('a.ts', '', 'new HTTPServer()'))).toBe(1);
    expect(coverageOf(contentTerms('client'), chunk('a.ts', '', 'apiV2Client'))).toBe(1);
  });

  it('finds inflected forms through the stem, plural `-ies` included', () => {
    expect(coverageOf(contentTerms('parsing'), chunk('a.py', 'parse_config', ''))).toBe(1);
    expect(coverageOf(contentTerms('libraries'), chunk('lib.py', 'load_library', ''))).toBe(1);
    expect(coverageOf(contentTerms('library'), chunk('lib.py', '', 'all_libraries = []'))).toBe(1);
  });

  it('searches the path and the symbol too, and is 1 for a query without words', () => {
    expect(coverageOf(contentTerms('fixtures scope'), chunk('src/_pytest/fixtures.py', 'FixtureDef.scope', 'pass'))).toBe(1);
    expect(coverageOf([], chunk('a.py', 'f', ''))).toBe(1);
  });

  it('stays correct when lower-casing changes the text’s length', () => {
    expect(coverageOf(contentTerms('config'), chunk('a.py', '', 'İ = loadConfig()'))).toBe(1);
    expect(coverageOf(contentTerms('config'), chunk('a.py', '', 'İ = reconfigure()'))).toBe(0);
  });
});

describe('files by coverage', () => {
  const s = (path: string, text: string) => ({ item: chunk(path, '', text) });

  it('orders files by their best-covering chunk, ties in chunk order', () => {
    const terms = contentTerms('show units in dataset repr');
    const chunks = [s('a.py', 'dataset dataset'), s('b.py', 'units'), s('c.py', 'show units dataset repr'), s('b.py', 'show units dataset'), s('d.py', 'dataset')];
    const shares = coverageShares(chunks, terms);
    expect(shares).toEqual([0.25, 0.25, 1, 0.75, 0.25]);
    expect(chunksByCoverage(chunks, shares).map((c) => c.item.path)).toEqual(['c.py', 'b.py', 'a.py', 'b.py', 'd.py']);
    expect(filesByCoverage(chunks, shares)).toEqual(['c.py', 'b.py', 'a.py', 'd.py']);
  });

  it('looks only at the first `depth` chunks and gives nothing for a query without words', () => {
    const chunks = [s('a.py', 'x'), s('b.py', 'alpha beta')];
    expect(filesByCoverage(chunks, coverageShares(chunks, contentTerms('alpha beta'), 1))).toEqual(['a.py']);
    expect(coverageShares(chunks, [])).toEqual([]);
    expect(filesByCoverage(chunks, [])).toEqual([]);
  });

  it('lifts the file whose chunk covers the query above one with higher summed evidence', () => {
    const c = (path: string, score: number): ScoredChunk => ({ item: { path, symbol: 'f', kind: 'function' }, score, lists: ['lexical'] });
    // big.py leads the chunk and best-chunk lists, exact.py the whole-file list
    const evidence = { chunks: [c('big.py', 0.03), c('big.py', 0.02), c('exact.py', 0.025)], fileLexical: ['exact.py', 'big.py'], named: [], prior: () => 1 };
    expect(rankFiles(evidence)[0]!.path).toBe('big.py');
    expect(rankFiles({ ...evidence, coverage: ['exact.py'] })[0]!.path).toBe('exact.py');
  });
});

describe('coverage in the function ranking', () => {
  it('adds rank-fused evidence by coverage, scaled by each chunk’s prior, and re-sorts', () => {
    const fused = [
      { id: 'a', score: 0.02, evidence: 0.02 },
      { id: 'b', score: 0.0095, evidence: 0.019 }, // prior 0.5
      { id: 'c', score: 0.0199, evidence: 0.0199 },
    ];
    const out = withCoverage(fused, [0.2, 1, 0.9], 1);
    // b covers most (first place: +1/61), c next (+1/62: overtakes a), a last (+1/63)
    expect(out.find((f) => f.id === 'b')!.evidence).toBeCloseTo(0.019 + 1 / 61);
    expect(out.find((f) => f.id === 'b')!.score).toBeCloseTo((0.019 + 1 / 61) * 0.5);
    expect(out.map((f) => f.id)).toEqual(['c', 'a', 'b']);
    expect(withCoverage(fused, [])).toEqual(fused);
  });

  it('leaves chunks beyond the covered ones as they were', () => {
    const fused = [{ id: 'a', score: 0.02, evidence: 0.02 }, { id: 'b', score: 0.01, evidence: 0.01 }];
    expect(withCoverage(fused, [1], 0.5)[1]).toEqual(fused[1]);
  });
});
