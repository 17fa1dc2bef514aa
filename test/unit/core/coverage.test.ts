import { describe, expect, it } from 'vitest';
import { contentTerms, coverageOf, filesByCoverage } from '../../../src/core/retrieve/coverage';
import { rankFiles, type ScoredChunk } from '../../../src/core/retrieve/ranking';

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
    const files = filesByCoverage(
      [s('a.py', 'dataset dataset'), s('b.py', 'units'), s('c.py', 'show units dataset repr'), s('b.py', 'show units dataset'), s('d.py', 'dataset')],
      terms,
    );
    expect(files).toEqual(['c.py', 'b.py', 'a.py', 'd.py']);
  });

  it('looks only at the first `depth` chunks and gives nothing for a query without words', () => {
    const chunks = [s('a.py', 'x'), s('b.py', 'alpha beta')];
    expect(filesByCoverage(chunks, contentTerms('alpha beta'), 1)).toEqual(['a.py']);
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
