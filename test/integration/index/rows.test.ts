import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../../src/core/index/rows';
import { IndexStore } from '../../../src/core/index/store';
import { silentLogger } from '../../../src/core/log';
import { tempDir } from '../../support/tmp';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir('gw-rows-')));
afterEach(() => tmp.cleanup());

describe('query rows as plain objects', () => {
  it('gives the same values as LanceDB row proxies, including nulls, numbers, booleans and scores', async () => {
    const store = await IndexStore.open(tmp.dir, '/ws', silentLogger);
    await store.replaceFiles([
      {
        file: { path: 'a.ts', hash: 'h', mtime_ms: 1, size: 10, language: 'typescript', chunks: 0 },
        chunks: [],
        symbols: [
          { name: 'parseConfig', kind: 'function', path: 'a.ts', line: 3, end_line: 9, container: '', is_def: true },
          { name: 'Übersicht', kind: 'reference', path: 'a.ts', line: 12, end_line: 12, container: 'Ä', is_def: false },
        ],
      },
    ]);
    const query = () => store.symbols.query().select(['name', 'kind', 'line', 'end_line', 'container', 'is_def']).limit(10);
    const plain = await queryRows<Record<string, unknown>>(query());
    const proxies = ((await query().toArray()) as Array<Record<string, unknown>>).map((r) => ({ ...r }));
    expect(plain).toEqual(proxies);
    expect(plain.map((r) => r.name)).toEqual(['parseConfig', 'Übersicht']);
    expect(Object.getPrototypeOf(plain[0])).toBe(Object.prototype);
    await store.close();
  });
});

describe('rows written as Arrow columns', () => {
  it('stores exactly the values of the rows: multi-byte and empty strings, integers, floats and booleans', async () => {
    const store = await IndexStore.open(tmp.dir, '/ws', silentLogger);
    const files = [
      { path: 'src/日本/ä.ts', hash: 'h1', mtime_ms: 1732262400123.5, size: 0, language: 'typescript', chunks: 2, terms: 'übersicht 😀 x', head: '' },
      { path: 'b.py', hash: '', mtime_ms: 0, size: 2 ** 40, language: 'python', chunks: 0, terms: '', head: 'b' },
    ];
    const symbols = Array.from({ length: 19 }, (_, i) => ({
      name: `n${i}é`, kind: 'function', path: 'b.py', line: i, end_line: i === 0 ? 0 : -i, container: i % 3 ? '' : 'C', is_def: i % 2 === 0,
    }));
    await store.replaceFiles([{ file: files[0]!, chunks: [], symbols: [] }, { file: files[1]!, chunks: [], symbols }]);
    const back = await queryRows<Record<string, unknown>>(store.files.query().select(['path', 'hash', 'mtime_ms', 'size', 'language', 'chunks', 'terms', 'head']));
    expect(back.sort((a, b) => String(a.path).localeCompare(String(b.path)))).toEqual([...files].sort((a, b) => a.path.localeCompare(b.path)));
    const syms = await queryRows<Record<string, unknown>>(store.symbols.query().select(['name', 'kind', 'path', 'line', 'end_line', 'container', 'is_def']));
    expect(syms.sort((a, b) => Number(a.line) - Number(b.line))).toEqual(symbols);
    await store.close();
  });

  it("hands the IPC bytes to LanceDB's native add, not through the public add (which reads the schema back and copies them again)", async () => {
    const store = await IndexStore.open(tmp.dir, '/ws', silentLogger);
    const publicAdd = store.symbols.add.bind(store.symbols);
    let publicCalls = 0;
    store.symbols.add = (...args: Parameters<typeof publicAdd>) => {
      publicCalls++;
      return publicAdd(...args);
    };
    const symbols = [{ name: 'charge', kind: 'method', path: 'pay.ts', line: 4, end_line: 9, container: 'PaymentClient', is_def: true }];
    await store.replaceFiles([{ file: { path: 'pay.ts', hash: 'h', mtime_ms: 1, size: 1, language: 'typescript', chunks: 0 }, chunks: [], symbols }]);
    expect(publicCalls).toBe(0);
    expect(await queryRows(store.symbols.query().select(['name', 'kind', 'path', 'line', 'end_line', 'container', 'is_def']))).toEqual(symbols);
    await store.close();
  });
});
