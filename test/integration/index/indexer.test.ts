import { renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexWorkspace } from '../../../src/core/index/indexer';
import { silentLogger } from '../../../src/core/log';
import { createFileParser } from '../../../src/core/parse/parser';
import { pathTerms } from '../../../src/core/parse/searchTerms';
import type { FileParser } from '../../../src/core/parse/types';
import { TermCache } from '../../../src/core/terms';
import { assertBuilt } from '../../support/cli';
import { grammarDir } from '../../support/grammars';
import { testEngine, type TestEngine } from '../../support/engine';
import { tempDir, writeTree } from '../../support/tmp';

let ws: ReturnType<typeof tempDir>;
let t: TestEngine;

const ORDERS = `export class OrderService {
  constructor(private readonly repo: OrderRepository) {}

  async placeOrder(customerId: string, items: LineItem[]): Promise<Order> {
    const total = computeTotal(items);
    return this.repo.save({ customerId, items, total });
  }
}
`;
const PRICING = `export function computeTotal(items: LineItem[]): number {
  return items.reduce((sum, i) => sum + i.price * i.quantity, 0);
}
`;
const PY = `def parse_config_file(path):
    """Read the configuration."""
    with open(path) as f:
        return f.read()
`;

beforeEach(async () => {
  ws = tempDir('gw-ws-');
  writeTree(ws.dir, { 'src/orders.ts': ORDERS, 'src/pricing.ts': PRICING, 'tools/config.py': PY, 'README.md': '# Shop\n\nAn order service.\n' });
  t = await testEngine(ws.dir);
});
afterEach(async () => {
  await t.cleanup();
  ws.cleanup();
});

async function search(query: string) {
  const r = await t.engine.retriever.retrieve({ query, includeStandards: false, budgetTokens: 100_000 });
  return r.chunks.map((c) => `${c.path}#${c.symbol}`);
}

describe('incremental indexing', () => {
  it('indexes a workspace into chunks and symbols that search finds by split identifiers', async () => {
    const summary = await t.engine.index();
    expect(summary).toMatchObject({ files: 4, indexed: 4, unchanged: 0, removed: 0 });
    const counts = await t.engine.counts();
    expect(counts.files).toBe(4);
    expect(counts.chunks).toBeGreaterThanOrEqual(4);
    expect(counts.symbols).toBeGreaterThanOrEqual(4);
    expect((await search('parseConfigFile'))[0]).toBe('tools/config.py#parse_config_file');
    expect((await search('compute total'))[0]).toBe('src/pricing.ts#computeTotal');
  });

  it('indexes many files under one abort signal without a listener-leak warning', async () => {
    writeTree(ws.dir, Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`gen/m${i}.ts`, `export function f${i}(): number {\n  return ${i};\n}\n`])));
    assertBuilt();
    // parse workers, as the CLI and the extension run them: each file in flight listens for the abort
    const pooled = await testEngine(ws.dir, undefined, { workers: 1, workerScript: path.resolve(__dirname, '../../../dist/parseWorker.js') });
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    try {
      const summary = await pooled.engine.index({ signal: new AbortController().signal });
      expect(summary.indexed).toBe(64);
      await new Promise((r) => setTimeout(r, 50)); // warnings are emitted on a later tick
    } finally {
      process.off('warning', onWarning);
      await pooled.cleanup();
    }
    expect(warnings.filter((w) => w.startsWith('MaxListenersExceededWarning'))).toEqual([]);
  });

  it('parses a file with the content of another once, each copy searchable under its own path', async () => {
    // vendored copies: the same content at two paths (and once more as JavaScript: another language)
    writeTree(ws.dir, { 'vendor/a/pricing.ts': PRICING, 'vendor/b/pricing.ts': PRICING, 'vendor/c/pricing.js': PRICING });
    const inner = createFileParser({ grammarDir: grammarDir(), logger: silentLogger });
    const parsed: string[] = [];
    const counting: FileParser = { parse: (p, text, signal) => (parsed.push(p), inner.parse(p, text, signal)), dispose: () => inner.dispose() };
    try {
      const summary = await indexWorkspace({ root: ws.dir, store: t.engine.store, parser: counting, logger: silentLogger });
      expect(summary.indexed).toBe(7);
    } finally {
      await counting.dispose();
    }
    expect(parsed.filter((p) => p.endsWith('pricing.ts'))).toHaveLength(1); // src/, vendor/a/ and vendor/b/ hold one content
    expect(parsed).toContain('vendor/c/pricing.js');
    // each copy has its own rows: its path, and its path's terms in the head column
    const rows = (await t.engine.store.chunks.query().where("symbol = 'computeTotal'").select(['path', 'head', 'language']).toArray()) as Array<{ path: string; head: string; language: string }>;
    expect(rows.map((r) => r.path).sort()).toEqual(['src/pricing.ts', 'vendor/a/pricing.ts', 'vendor/b/pricing.ts', 'vendor/c/pricing.js']);
    for (const r of rows) expect(r.head.startsWith(`${pathTerms(r.path, new TermCache())} `)).toBe(true);
    expect(rows.find((r) => r.path.endsWith('.js'))?.language).toBe('javascript');
    const files = (await t.engine.store.files.query().where("path LIKE 'vendor/%'").select(['path', 'head']).toArray()) as Array<{ path: string; head: string }>;
    for (const f of files) expect(f.head).toBe(pathTerms(f.path, new TermCache()));
    expect(new Set(files.map((f) => f.head)).size).toBe(3);
  });

  it('reports a failed batch write as the error of the run, after the parses in flight have settled', async () => {
    // More files than one batch, so a write runs while later files are being parsed.
    const many: Record<string, string> = {};
    for (let i = 0; i < 450; i++) many[`gen/m${i}.ts`] = `export function f${i}(x: number) { return x + ${i}; }\n`;
    writeTree(ws.dir, many);
    const store = t.engine.store;
    const original = store.replaceFiles.bind(store);
    let calls = 0;
    store.replaceFiles = async (...args) => {
      if (++calls === 2) throw new Error('disk full');
      return original(...args);
    };
    const unhandled: unknown[] = [];
    const onUnhandled = (err: unknown) => unhandled.push(err);
    process.on('unhandledRejection', onUnhandled);
    try {
      await expect(t.engine.index()).rejects.toThrow('disk full');
      await new Promise((r) => setTimeout(r, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      store.replaceFiles = original;
    }
    // The next run completes the index.
    const summary = await t.engine.index();
    expect(summary.files).toBe(454);
    expect((await t.engine.counts()).files).toBe(454);
  });

  it('skips unchanged files, replaces changed ones, removes deleted and renamed ones', async () => {
    await t.engine.index();
    const again = await t.engine.index();
    expect(again).toMatchObject({ indexed: 0, unchanged: 4, removed: 0 });

    // touched but identical content: hash unchanged, not re-parsed
    const future = new Date(Date.now() + 5000);
    utimesSync(path.join(ws.dir, 'src/pricing.ts'), future, future);
    expect(await t.engine.index()).toMatchObject({ indexed: 0, unchanged: 4 });

    writeFileSync(path.join(ws.dir, 'src/pricing.ts'), PRICING.replace('computeTotal', 'computeGrandTotal'));
    rmSync(path.join(ws.dir, 'tools/config.py'));
    renameSync(path.join(ws.dir, 'src/orders.ts'), path.join(ws.dir, 'src/orderService.ts'));
    const summary = await t.engine.index();
    expect(summary).toMatchObject({ files: 3, indexed: 2, removed: 2 });
    expect(await search('computeGrandTotal')).toContain('src/pricing.ts#computeGrandTotal');
    expect(await search('parse config file')).not.toContain('tools/config.py#parse_config_file');
    const hits = await search('placeOrder');
    expect(hits[0]).toBe('src/orderService.ts#OrderService.placeOrder');
    expect(hits.some((h) => h.startsWith('src/orders.ts'))).toBe(false);
  });

  it('keeps a C++ header read as C++ when it is touched but unchanged', async () => {
    writeFileSync(path.join(ws.dir, 'src/sink.h'), 'namespace spdlog {\nclass sink {\npublic:\n    void flush();\n};\n}\n');
    await t.engine.index();
    const language = async () =>
      ((await t.engine.store.files.query().where(`path = 'src/sink.h'`).select(['language']).toArray()) as Array<{ language: string }>)[0]?.language;
    expect(await language()).toBe('cpp');
    const future = new Date(Date.now() + 5000);
    utimesSync(path.join(ws.dir, 'src/sink.h'), future, future);
    expect(await t.engine.index()).toMatchObject({ indexed: 0, unchanged: 5 });
    expect(await language()).toBe('cpp');
  });

  it('updates single saved files through update() (the file watcher path)', async () => {
    await t.engine.index();
    writeFileSync(path.join(ws.dir, 'src/refunds.ts'), 'export function issueRefund(orderId: string) { return orderId; }\n');
    await t.engine.update(['src/refunds.ts']);
    expect((await search('issueRefund'))[0]).toBe('src/refunds.ts#issueRefund');
    rmSync(path.join(ws.dir, 'src/refunds.ts'));
    await t.engine.update(['src/refunds.ts']);
    expect(await search('issueRefund')).not.toContain('src/refunds.ts#issueRefund');
  });

  it('skips binary, invalid UTF-8, huge and secrets files without stopping the run', async () => {
    writeTree(ws.dir, {
      'bin/blob.dat': new Uint8Array([1, 2, 0, 3, 4]),
      'src/latin1.ts': new Uint8Array([0x63, 0x6f, 0x6e, 0x73, 0x74, 0x20, 0xe9, 0x3d, 0x31]),
      'src/huge.ts': 'export const x = 1;\n'.repeat(40_000),
      '.env': 'OPENAI_API_KEY=sk-live-123456789',
    });
    const summary = await t.engine.index();
    expect(summary.indexed).toBe(4);
    expect(summary.skipped).toBe(4);
    // Every file seen is counted once: indexed, unchanged or skipped (by the listing or once read).
    expect(summary.files).toBe(summary.indexed + summary.unchanged + summary.skipped);
    expect(await search('OPENAI_API_KEY')).toEqual([]);
  });

  it('reopens the same index and keeps it (no rebuild without a version change)', async () => {
    await t.engine.index();
    const engine = await t.reopen();
    expect(engine.store.rebuilt).toBe(false);
    expect(await engine.index()).toMatchObject({ indexed: 0, unchanged: 4 });
  });
});
