import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/log';
import { createFileParser } from '../../../src/core/parse/parser';
import type { ParsedFile } from '../../../src/core/parse/types';
import { termsText } from '../../../src/core/terms';
import { WorkerPoolParser } from '../../../src/core/parse/workerPool';
import { grammarDir } from '../../support/grammars';
import { tempDir } from '../../support/tmp';

const ROOT = path.resolve(__dirname, '../../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/parse');
const files = readdirSync(FIXTURES).map((f) => ({ path: f, text: readFileSync(path.join(FIXTURES, f), 'utf8') }));
const tmp = tempDir('gw-worker-');
const workerScript = path.join(tmp.dir, 'parseWorker.js');
const inProcess = new Map<string, ParsedFile>();

beforeAll(async () => {
  await build({
    entryPoints: [path.join(ROOT, 'src/core/parse/worker.ts')],
    outfile: workerScript,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    alias: { 'web-tree-sitter': path.join(ROOT, 'node_modules/web-tree-sitter/web-tree-sitter.cjs') },
    logLevel: 'error',
  });
  const parser = createFileParser({ grammarDir: grammarDir(), logger: silentLogger });
  for (const f of files) inProcess.set(f.path, await parser.parse(f.path, f.text));
  await parser.dispose();
});
afterAll(() => tmp.cleanup());

describe('parsing in worker threads', () => {
  it('computes the search columns where it parses: the same terms and hashes the indexer would', () => {
    for (const f of files) {
      const parsed = inProcess.get(f.path) as ParsedFile;
      expect(parsed.search?.file, f.path).toBe(termsText(f.text));
      expect(parsed.search?.chunks, f.path).toEqual(parsed.chunks.map((c) => termsText(c.text)));
      expect(parsed.search?.chunkHashes, f.path).toEqual(parsed.chunks.map((c) => createHash('sha1').update(c.text).digest('hex')));
    }
  });

  it('gives the same chunks and symbols as parsing in-process', async () => {
    const parser = createFileParser({ grammarDir: grammarDir(), logger: silentLogger, workers: 2, workerScript });
    try {
      const results = await Promise.all(files.map((f) => parser.parse(f.path, f.text)));
      files.forEach((f, i) => expect(results[i], f.path).toEqual(inProcess.get(f.path)));
    } finally {
      await parser.dispose();
    }
  });

  it('runs workers as child processes with V8 flags of their own, with the same results', async () => {
    const parser = createFileParser({
      grammarDir: grammarDir(), logger: silentLogger, workers: 2, workerScript, processes: true, recycleBytes: 4000,
    });
    try {
      const results = await Promise.all(files.map((f) => parser.parse(f.path, f.text)));
      files.forEach((f, i) => expect(results[i], f.path).toEqual(inProcess.get(f.path)));
      expect((parser as WorkerPoolParser).recycled).toBeGreaterThanOrEqual(1);
    } finally {
      await parser.dispose();
    }
  });

  it('recycles workers after their byte budget and keeps the results right', async () => {
    const pool = new WorkerPoolParser({
      workerScript,
      workers: 1,
      grammarDir: grammarDir(),
      maxBytes: 2 * 1024 * 1024,
      logger: silentLogger,
      recycleBytes: 1500,
    });
    try {
      // The six largest fixtures: each over the 1500-byte budget.
      const subset = [...files].sort((a, b) => b.text.length - a.text.length).slice(0, 6);
      const results = await Promise.all(subset.map((f) => pool.parse(f.path, f.text)));
      subset.forEach((f, i) => expect(results[i], f.path).toEqual(inProcess.get(f.path)));
      expect(pool.recycled).toBeGreaterThanOrEqual(3);
    } finally {
      await pool.dispose();
    }
  });

  it('replaces a worker whose WASM memory grew past its limit, and can release its workers between runs', async () => {
    const base = { workerScript, grammarDir: grammarDir(), maxBytes: 2 * 1024 * 1024, logger: silentLogger };
    // The runtime starts with 32 MiB: a limit below that replaces the worker after every answer.
    const pool = new WorkerPoolParser({ ...base, workers: 1, recycleMemory: 16 * 1024 * 1024 });
    const roomy = new WorkerPoolParser({ ...base, workers: 1 });
    try {
      const subset = files.slice(0, 4);
      for (const f of subset) expect(await pool.parse(f.path, f.text), f.path).toEqual(inProcess.get(f.path));
      expect(pool.recycled).toBe(subset.length);
      for (const f of subset) await roomy.parse(f.path, f.text);
      expect(roomy.recycled).toBe(0);
      await roomy.release();
      expect(await roomy.parse(subset[0]!.path, subset[0]!.text)).toEqual(inProcess.get(subset[0]!.path));
    } finally {
      await pool.dispose();
      await roomy.dispose();
    }
  });

  it('turns the file of a worker that dies into line windows and goes on', async () => {
    const crashing = path.join(tmp.dir, 'crashingWorker.js');
    writeFileSync(crashing, "require('node:worker_threads').parentPort.on('message', () => process.exit(7));\n");
    const warnings: string[] = [];
    const parser = createFileParser({
      grammarDir: grammarDir(),
      logger: { ...silentLogger, warn: (m) => warnings.push(m) },
      workers: 1,
      workerScript: crashing,
    });
    try {
      const [a, b] = await Promise.all([
        parser.parse('a.py', 'def f():\n    return 1\n'),
        parser.parse('b.py', 'def g():\n    return 2\n'),
      ]);
      expect(a.chunks.map((c) => c.kind)).toEqual(['window']);
      expect(b.chunks[0]?.text).toContain('def g()');
      expect(a.warnings[0]).toMatch(/parse worker stopped \(exit code 7\)/);
      expect(warnings).toHaveLength(2);
    } finally {
      await parser.dispose();
    }
  });

  it('rejects a cancelled parse with AbortError', async () => {
    const parser = createFileParser({ grammarDir: grammarDir(), logger: silentLogger, workers: 1, workerScript });
    try {
      const controller = new AbortController();
      const pending = parser.parse('a.ts', files[0]?.text ?? '', controller.signal);
      controller.abort();
      await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
      const next = await parser.parse('b.ts', 'export function f() { return 1; }\n');
      expect(next.chunks.map((c) => c.symbol)).toEqual(['f']);
    } finally {
      await parser.dispose();
    }
  });
});
