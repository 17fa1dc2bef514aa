import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AbortError } from '../../../src/core/errors';
import { type Logger, silentLogger } from '../../../src/core/log';
import { LANGUAGES } from '../../../src/core/parse/languages';
import { createFileParser } from '../../../src/core/parse/parser';
import { grammarDir } from '../../support/grammars';
import { tempDir } from '../../support/tmp';

const FIXTURES = path.resolve(__dirname, '../../fixtures/parse');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { ...silentLogger, warnings, warn: (m: string) => warnings.push(m) };
}

const tmp = tempDir('gw-parse-');
afterAll(() => tmp.cleanup());

describe('grammar directory', () => {
  it('holds the runtime, every grammar and every tags query of the language table', () => {
    const dir = grammarDir();
    expect(existsSync(path.join(dir, 'web-tree-sitter.wasm'))).toBe(true);
    for (const lang of LANGUAGES) {
      if (lang.wasm) expect(existsSync(path.join(dir, lang.wasm)), lang.wasm).toBe(true);
      if (lang.query) expect(readFileSync(path.join(dir, lang.query), 'utf8')).toMatch(/@definition\./);
    }
    expect(readFileSync(path.join(dir, 'queries/typescript.scm'), 'utf8')).toMatch(/tree-sitter-javascript[^]*tree-sitter-typescript/);
  });
});

describe('bad grammars and bad input', () => {
  it('falls back to line windows when one grammar fails, and the others keep working', async () => {
    const dir = path.join(tmp.dir, 'broken-grammars');
    cpSync(grammarDir(), dir, { recursive: true });
    writeFileSync(path.join(dir, 'tree-sitter-python.wasm'), 'this is not WebAssembly');
    writeFileSync(path.join(dir, 'queries/go.scm'), '(this_node_type_does_not_exist) @name');
    const logger = recordingLogger();
    const parser = createFileParser({ grammarDir: dir, logger });
    try {
      const py = await parser.parse('inv.py', fixture('sample.py'));
      expect(py.language).toBe('python');
      expect(py.chunks.every((c) => c.kind === 'window')).toBe(true);
      expect(py.chunks[0]?.text).toContain('Inventory helpers');
      expect(py.warnings[0]).toMatch(/python grammar failed to load/);
      expect(logger.warnings.filter((w) => w.includes('python grammar'))).toHaveLength(1);

      const ts = await parser.parse('a.ts', fixture('sample.ts'));
      expect(ts.chunks.map((c) => c.symbol)).toContain('LruCache');
      expect(ts.symbols.length).toBeGreaterThan(0);

      const go = await parser.parse('s.go', fixture('sample.go'));
      expect(go.chunks.map((c) => c.symbol)).toContain('Server.Start');
      expect(go.symbols).toEqual([]);
      expect(logger.warnings.some((w) => w.includes('go tags query'))).toBe(true);

      const again = await parser.parse('other.py', 'def f():\n    return 1\n');
      expect(again.chunks[0]?.kind).toBe('window');
      expect(logger.warnings.filter((w) => w.includes('python grammar'))).toHaveLength(1);
    } finally {
      await parser.dispose();
    }
  });

  it('does not throw on binary-looking or invalid UTF-8 text', async () => {
    const parser = createFileParser({ grammarDir: grammarDir(), logger: silentLogger });
    try {
      const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x7b, 0x0a, 0xc3, 0x28, 0x0a, 0x00, 0x00, 0x7d]);
      const garbage = `${bytes.toString('utf8')}\nfunction ok() { return 1 }\n${'\u0000'.repeat(50)}\n`;
      for (const name of ['x.ts', 'x.py', 'x.go', 'x.rs', 'x.c', 'x.md', 'x.bin']) {
        const parsed = await parser.parse(name, garbage);
        expect(parsed.chunks.length, name).toBeGreaterThan(0);
      }
      expect((await parser.parse('empty.ts', '')).chunks).toEqual([]);
    } finally {
      await parser.dispose();
    }
  });

  it('splits files over the size limit into windows without parsing them', async () => {
    const parser = createFileParser({ grammarDir: grammarDir(), logger: silentLogger, maxBytes: 1000 });
    try {
      const parsed = await parser.parse('big.js', `const a = 1;\n`.repeat(200));
      expect(parsed.chunks.every((c) => c.kind === 'window')).toBe(true);
      expect(parsed.warnings[0]).toMatch(/larger than 1000 bytes/);
    } finally {
      await parser.dispose();
    }
  });

  it('stops a parse when its signal fires and parses normally afterwards', async () => {
    const parser = createFileParser({ grammarDir: grammarDir(), logger: silentLogger });
    try {
      const before = new AbortController();
      before.abort();
      await expect(parser.parse('a.ts', fixture('sample.ts'), before.signal)).rejects.toBeInstanceOf(AbortError);
      // A signal that fires while the parser is running: parse() sees it un-fired, the parser's
      // progress check sees it fired.
      let checks = 0;
      const during = { get aborted() { return ++checks > 2; } } as unknown as AbortSignal;
      const big = fixture('sample.ts').repeat(200);
      await expect(parser.parse('a.ts', big, during)).rejects.toBeInstanceOf(AbortError);
      const after = await parser.parse('a.ts', fixture('sample.ts'));
      expect(after.chunks.map((c) => c.symbol)).toContain('LruCache');
    } finally {
      await parser.dispose();
    }
  });
});
