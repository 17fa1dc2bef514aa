import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeSource, listWorkspaceFiles, skipReasonByName, statWorkspaceFiles, type SkippedFile } from '../../../src/core/workspace/files';
import { tempDir, writeTree } from '../../support/tmp';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

async function list(exclude: string[] = [], maxFileBytes?: number) {
  const skipped: SkippedFile[] = [];
  const files = await listWorkspaceFiles(tmp.dir, { exclude, maxFileBytes }, (s) => skipped.push(s));
  return { paths: files.map((f) => f.path), skipped };
}

describe('listing workspace files', () => {
  it('honours nested .gitignore files with negations, and .groundworkignore', async () => {
    writeTree(tmp.dir, {
      '.gitignore': 'build/\n*.log\n',
      '.groundworkignore': 'docs/generated/\n',
      'src/a.ts': 'export const a = 1;',
      'src/.gitignore': 'fixtures/*\n!fixtures/keep.ts\n',
      'src/fixtures/drop.ts': 'x',
      'src/fixtures/keep.ts': 'x',
      'build/out.js': 'x',
      'debug.log': 'x',
      'docs/generated/api.md': 'x',
      'docs/guide.md': '# Guide',
      'node_modules/pkg/index.js': 'x',
    });
    const { paths } = await list();
    expect(paths).toEqual(['.gitignore', '.groundworkignore', 'docs/guide.md', 'src/.gitignore', 'src/a.ts', 'src/fixtures/keep.ts']);
  });

  it('applies configured excludes (settings and files.exclude)', async () => {
    writeTree(tmp.dir, { 'src/a.ts': 'x', 'vendor/lib.ts': 'x', 'src/gen/x.ts': 'x' });
    const { paths } = await list(['vendor/**', '**/gen/**']);
    expect(paths).toEqual(['src/a.ts']);
  });

  it('skips secrets, binaries, lock files and huge files, each with a reason', async () => {
    writeTree(tmp.dir, {
      '.env': 'API_KEY=sk-123',
      'config/.env.production': 'x',
      'certs/server.pem': 'x',
      'img/logo.png': new Uint8Array([137, 80, 78, 71]),
      'package-lock.json': '{}',
      'big.ts': 'x'.repeat(5000),
      'ok.ts': 'export {}',
    });
    const { paths, skipped } = await list([], 4096);
    expect(paths).toEqual(['ok.ts']);
    const reasons = Object.fromEntries(skipped.map((s) => [s.path, s.reason]));
    expect(reasons['.env']).toBe('secrets file');
    expect(reasons['config/.env.production']).toBe('secrets file');
    expect(reasons['certs/server.pem']).toBe('secrets file');
    expect(reasons['img/logo.png']).toBe('binary file type');
    expect(reasons['package-lock.json']).toBe('generated or lock file');
    expect(reasons['big.ts']).toMatch(/larger than 4 KB/);
  });
});

describe('checking single saved files (the watcher path)', () => {
  it('applies the same rules as the full listing without walking the tree', async () => {
    writeTree(tmp.dir, {
      '.gitignore': 'build/\n',
      'src/.gitignore': 'gen/\n!keep.ts\n',
      'src/a.ts': 'x',
      'src/gen/b.ts': 'x',
      'build/c.ts': 'x',
      'node_modules/p/i.js': 'x',
      'vendor/v.ts': 'x',
      '.env': 'K=1',
      'big.ts': 'x'.repeat(5000),
    });
    const paths = ['src/a.ts', 'src/gen/b.ts', 'build/c.ts', 'node_modules/p/i.js', 'vendor/v.ts', '.env', 'big.ts', 'missing.ts'];
    const files = await statWorkspaceFiles(tmp.dir, paths, { exclude: ['vendor/**'], maxFileBytes: 4096 });
    expect(files.map((f) => f.path)).toEqual(['src/a.ts']);
    const listed = await listWorkspaceFiles(tmp.dir, { exclude: ['vendor/**'], maxFileBytes: 4096 });
    expect(listed.map((f) => f.path).filter((p) => paths.includes(p))).toEqual(['src/a.ts']);
  });
});

describe('decoding file content', () => {
  it('rejects NUL bytes, invalid UTF-8 and minified text, and strips a BOM', () => {
    expect(decodeSource(new Uint8Array([65, 0, 66]))).toEqual({ reason: 'binary content' });
    expect(decodeSource(new Uint8Array([0x61, 0xff, 0xfe, 0x62]))).toEqual({ reason: 'not valid UTF-8' });
    expect(decodeSource(new TextEncoder().encode('var a=1;'.repeat(1000)))).toEqual({ reason: 'minified or generated (very long lines)' });
    expect(decodeSource(new TextEncoder().encode('\ufeffconst x = 1;\n'))).toEqual({ text: 'const x = 1;\n' });
  });

  it('rejects a bundle whose header and trailer are short lines but whose code is one long line', () => {
    const header = '/*!\n * license text\n */\n'.repeat(200);
    const bundle = `${header}${'var a=1;'.repeat(2000)}\n//# sourceMappingURL=x.map\n`;
    expect(decodeSource(new TextEncoder().encode(bundle))).toEqual({ reason: 'minified or generated (very long lines)' });
    // Ordinary code with one long line (a data literal) is kept.
    const code = `${'const value = compute(input);\n'.repeat(400)}const table = "${'x'.repeat(1500)}";\n`;
    expect(decodeSource(new TextEncoder().encode(code))).toEqual({ text: code });
    // Tests around a few long expected-output strings that hold most of the bytes are kept too.
    const tests = `${'def test_render():\n    assert render(x) == expected\n\n'.repeat(150)}${`EXPECTED = "${'\\x1b[1m'.repeat(1200)}"\n`.repeat(2)}`;
    expect(decodeSource(new TextEncoder().encode(tests))).toEqual({ text: tests });
    // Minified code kept in a few hundred lines is minified still when three quarters of it are long lines.
    const partly = `${'export{a as b};\n'.repeat(150)}${`var q=${'f(g(1),2);'.repeat(500)}\n`.repeat(20)}`;
    expect(decodeSource(new TextEncoder().encode(partly))).toEqual({ reason: 'minified or generated (very long lines)' });
  });

  it('leaves out minified and bundled ES modules and CommonJS files by name', () => {
    for (const name of ['dist/ort.min.mjs', 'dist/ort.bundle.min.mjs', 'lib/app.min.cjs', 'out/app.bundle.mjs']) {
      expect(skipReasonByName(name), name).toBe('generated or lock file');
    }
    expect(skipReasonByName('src/admin.mjs')).toBeUndefined();
  });
});
