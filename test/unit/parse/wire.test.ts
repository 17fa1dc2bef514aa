import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/log';
import { createFileParser } from '../../../src/core/parse/parser';
import { fromWire, toWire } from '../../../src/core/parse/wire';
import { grammarDir } from '../../support/grammars';
import { PARSE_FIXTURES, parseFixtureVariants } from '../../support/parseFixtures';

const parser = createFileParser({ grammarDir: grammarDir(), logger: silentLogger, workers: 0 });
afterAll(() => parser.dispose());

/** The parse fixtures (as written, CRLF, a skeleton class) and a file ending without a line break. */
function variants(): Array<[string, string]> {
  return [...parseFixtureVariants(), ['tail.py', 'def first():\n    return 1\n\ndef last():\n    return 2']];
}

describe('a parsed file as a parse worker posts it', () => {
  it.each(variants())('%s: comes back from its wire form exactly as parsed', async (name, text) => {
    const parsed = await parser.parse(name.replace(/^crlf\//, ''), text);
    const wire = structuredClone(toWire(parsed, text));
    expect(fromWire(wire, text)).toEqual(parsed);
  });

  it('sends the chunk texts and terms that are slices of the file as offsets, and the rest as they are', async () => {
    const text = readFileSync(path.join(PARSE_FIXTURES, 'sample.py'), 'utf8');
    const parsed = await parser.parse('sample.py', text);
    const wire = toWire(parsed, text);
    const sliced = parsed.chunks.filter((c) => c.kind !== 'class').length;
    expect(sliced).toBeGreaterThan(0);
    expect(wire.file.chunks.filter((c) => c.text === '').length).toBeGreaterThanOrEqual(sliced);
    expect(wire.file.search?.chunks.filter((t) => t === '').length).toBeGreaterThanOrEqual(sliced);
    expect(wire.file.search?.chunkSpans).toBeUndefined();
    // CRLF: the chunkers join lines with '\n', so no text is a slice; terms still are.
    const crlf = text.replace(/\n/g, '\r\n');
    const crlfWire = toWire(await parser.parse('sample.py', crlf), crlf);
    expect(crlfWire.file.chunks.every((c) => c.text !== '')).toBe(true);
    expect(crlfWire.file.search?.chunks.filter((t) => t === '').length).toBeGreaterThanOrEqual(sliced);
  });
});
