import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/log';
import { createFileParser } from '../../../src/core/parse/parser';
import { contentHash, searchTerms } from '../../../src/core/parse/searchTerms';
import { TermCache, termsText } from '../../../src/core/terms';
import { grammarDir } from '../../support/grammars';

const FIXTURES = path.resolve(__dirname, '../../fixtures/parse');
const parser = createFileParser({ grammarDir: grammarDir(), logger: silentLogger, workers: 0 });
afterAll(() => parser.dispose());

/** Every fixture as written, with CRLF line ends, and with a large class (a skeleton chunk). */
function variants(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const name of readdirSync(FIXTURES)) {
    const text = readFileSync(path.join(FIXTURES, name), 'utf8');
    out.push([name, text], [`crlf/${name}`, text.replace(/\n/g, '\r\n')]);
  }
  const methods = Array.from({ length: 40 }, (_, i) => `  handleEvent${i}(payloadValue) {\n    const routed = this.routeTable.get(payloadValue);\n    if (!routed) return null;\n    return this.dispatch_${i}(routed);\n  }\n`).join('\n');
  out.push(['big.ts', `export class EventRouter {\n  private routeTable = new Map();\n${methods}}\n`]);
  return out;
}

describe('search columns from per-line terms', () => {
  it.each(variants())('%s: file and chunk terms equal termsText of the text, heads those of path and symbol, hashes of the chunk text', async (name, text) => {
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
    const [, text] = variants().find(([n]) => n === 'big.ts')!;
    const parsed = await parser.parse('big.ts', text);
    const skeleton = parsed.chunks.find((c) => c.kind === 'class');
    expect(skeleton?.text).toContain('…');
    expect(searchTerms(parsed, 'big.ts', text, new TermCache()).chunks[parsed.chunks.indexOf(skeleton!)]).toBe(termsText(skeleton!.text));
  });
});
