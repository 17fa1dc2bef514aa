import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/log';
import { createFileParser } from '../../../src/core/parse/parser';
import { contentHash, searchTerms } from '../../../src/core/parse/searchTerms';
import { TermCache, termsText } from '../../../src/core/terms';
import { grammarDir } from '../../support/grammars';
import { parseFixtureVariants } from '../../support/parseFixtures';

const parser = createFileParser({ grammarDir: grammarDir(), logger: silentLogger, workers: 0 });
afterAll(() => parser.dispose());

describe('search columns from per-line terms', () => {
  it.each(parseFixtureVariants())('%s: file and chunk terms equal termsText of the text, heads those of path and symbol, hashes of the chunk text', async (name, text) => {
    const cache = new TermCache();
    const parsed = await parser.parse(name.replace(/^crlf\//, ''), text);
    expect(parsed.chunks.length).toBeGreaterThan(0);
    const search = searchTerms(parsed, name, text, cache);
    expect(search.file).toBe(termsText(text));
    expect(search.chunks).toEqual(parsed.chunks.map((c) => termsText(c.text)));
    expect(search.chunkHashes).toEqual(parsed.chunks.map((c) => contentHash(c.text)));
    expect(search.path).toBe(termsText(name.replace(/\.[^./]+$/, '')));
    expect(search.heads).toEqual(parsed.chunks.map((c) => (c.symbol ? `${search.path} ${termsText(c.symbol)}` : search.path)));
  });

  it('covers a skeleton chunk (not a slice of the file)', async () => {
    const [, text] = parseFixtureVariants().find(([n]) => n === 'big.ts')!;
    const parsed = await parser.parse('big.ts', text);
    const skeleton = parsed.chunks.find((c) => c.kind === 'class');
    expect(skeleton?.text).toContain('…');
    expect(searchTerms(parsed, 'big.ts', text, new TermCache()).chunks[parsed.chunks.indexOf(skeleton!)]).toBe(termsText(skeleton!.text));
  });
});
