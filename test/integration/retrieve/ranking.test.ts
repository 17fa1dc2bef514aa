import { utimesSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEngine, type TestEngine } from '../../support/engine';
import { tempDir, writeTree } from '../../support/tmp';

// A small project where a changelog, a test and a README repeat the words of a bug report more
// often than the code that has to change does: the code file must still come first.
const LINES = `"""Line handling."""


def is_line_short_enough(line, mode):
    """True when the line fits."""
    if "\\n" not in line.source:
        return len(line.source) <= mode.line_length
    return multiline_fits(line, mode)


def multiline_fits(line, mode):
    first, *rest = line.source.split("\\n")
    return all(len(part) <= mode.line_length for part in [first, *rest])
${Array.from({ length: 40 }, (_, i) => `

def helper_${i}(node):
    return node.prefix + str(${i})`).join('')}
`;
const CHANGES = `# Changes

## 24.1.0

- Avoid quadratic multiline string scan in is_line_short_enough (#4012)
- Multiline string handling: faster multiline string scan
- Fix crash on multiline string with line continuation
`;
const TEST = `from lines import is_line_short_enough


def test_is_line_short_enough_multiline_string():
    """multiline string scan: is_line_short_enough must not be quadratic"""
    assert is_line_short_enough(make_line('"""multiline\\nstring"""'), MODE)


def test_multiline_string_scan():
    assert is_line_short_enough(make_line("x"), MODE)
`;
const README = `# Formatter

Multiline strings are kept as they are; a line is short enough when it fits the line length.
See the multiline string scan notes.
`;

let ws: ReturnType<typeof tempDir>;
let t: TestEngine;

beforeEach(async () => {
  ws = tempDir('gw-rank-');
  writeTree(ws.dir, { 'src/lines.py': LINES, 'CHANGES.md': CHANGES, 'tests/test_lines.py': TEST, 'README.md': README });
  t = await testEngine(ws.dir);
  await t.engine.index();
});
afterEach(async () => {
  await t.cleanup();
  ws.cleanup();
});

const files = async (query: string) =>
  (await t.engine.retriever.retrieve({ query, includeStandards: false })).files.map((f) => f.path);

describe('retrieval ranking on a real index', () => {
  it('ranks the code file above the changelog, the test and the README that repeat the query', async () => {
    const ranked = await files('avoid quadratic multiline string scan in is_line_short_enough');
    expect(ranked[0]).toBe('src/lines.py');
    expect(ranked).toEqual(expect.arrayContaining(['CHANGES.md', 'tests/test_lines.py']));
  });

  it('still finds docs and changelogs when the question is about them', async () => {
    expect((await files('what does README.md say about multiline strings'))[0]).toBe('README.md');
    // asking for documentation lifts the README above the code it describes less strongly
    const plain = await files('when is a multiline string line short enough');
    const docs = await files('documentation: when is a multiline string line short enough');
    expect(docs.indexOf('README.md')).toBeLessThan(plain.indexOf('README.md'));
    const fix = await files('crash on multiline string with line continuation');
    const notes = await files('release notes: crash on multiline string with line continuation');
    expect(notes.indexOf('CHANGES.md')).toBeGreaterThanOrEqual(0);
    expect(notes.indexOf('CHANGES.md')).toBeLessThan(fix.indexOf('CHANGES.md'));
  });

  it('ranks functions of the best file, the one holding the evidence first', async () => {
    const r = await t.engine.retriever.retrieve({ query: 'avoid quadratic multiline string scan in is_line_short_enough', includeStandards: false });
    expect(r.functions[0]!.id).toBe('src/lines.py::is_line_short_enough');
  });

  it('keeps whole-file search working after a touch that does not change the content', async () => {
    const later = new Date(Date.now() + 5000);
    utimesSync(path.join(ws.dir, 'src/lines.py'), later, later);
    const again = await t.engine.index();
    expect(again).toMatchObject({ indexed: 0, unchanged: 4 });
    // helper_39 lives only in src/lines.py, far from the chunks that match the rest of the query
    expect((await files('helper 39 multiline fits'))[0]).toBe('src/lines.py');
  });

  it('ranks a function defined in a config script as code, its settings as config', async () => {
    writeTree(ws.dir, {
      'build/rollup.dts.config.ts': `export default {
  input: 'src/index.ts',
  output: { file: 'dist/index.d.ts' },
};

export function stripInternalTypes(code: string): string {
  const internal = /@internal[^;]*;/g;
  return code.replace(internal, '');
}
`,
      'src/emit.ts': `export function emitTypes(source: string, types: string[]): string {
  return source + types.join(';');
}
`,
    });
    await t.engine.index();
    const r = await t.engine.retriever.retrieve({ query: 'strip internal types from the code', includeStandards: false });
    // The function's chunk ranks as code (at the config prior 0.4 it fell below `emitTypes`)…
    expect(r.chunks[0]).toMatchObject({ path: 'build/rollup.dts.config.ts', kind: 'function', symbol: 'stripInternalTypes' });
    expect(r.functions.map((f) => f.id)).toContain('build/rollup.dts.config.ts::stripInternalTypes');
    // …while the file keeps the config prior: the code file that matches comes first.
    const paths = r.files.map((f) => f.path);
    expect(paths.indexOf('src/emit.ts')).toBeLessThan(paths.indexOf('build/rollup.dts.config.ts'));
  });
});
