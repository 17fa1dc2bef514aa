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
