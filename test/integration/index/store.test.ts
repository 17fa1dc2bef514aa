import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IndexError } from '../../../src/core/errors';
import { heldByOther } from '../../../src/core/index/lock';
import { IndexStore } from '../../../src/core/index/store';
import { silentLogger } from '../../../src/core/log';
import { tempDir } from '../../support/tmp';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir('gw-store-')));
afterEach(() => tmp.cleanup());

const file = (p: string) => ({ path: p, hash: 'h', mtime_ms: 1, size: 1, language: 'typescript', chunks: 0 });

describe('the index store', () => {
  it('lets one process write and opens a second handle read-only while the first holds the lock', async () => {
    const writer = await IndexStore.open(tmp.dir, '/ws', silentLogger);
    await writer.replaceFiles([{ file: file('a.ts'), chunks: [], symbols: [] }]);
    // Pretend another live process (our parent) holds the lock.
    expect(await heldByOther(tmp.dir)).toBe(false); // held by this process
    writeFileSync(path.join(tmp.dir, 'write.lock'), String(process.ppid));
    expect(await heldByOther(tmp.dir)).toBe(true);
    const reader = await IndexStore.open(tmp.dir, '/ws', silentLogger);
    expect(reader.readOnly).toBe(true);
    expect((await reader.counts()).files).toBe(1);
    await expect(reader.removeFiles(['a.ts'])).rejects.toBeInstanceOf(IndexError);
    await reader.close();
    await writer.close();
  });

  it('takes over a lock left by a dead process', async () => {
    writeFileSync(path.join(tmp.dir, 'write.lock'), '999999999');
    expect(await heldByOther(tmp.dir)).toBe(false);
    const store = await IndexStore.open(tmp.dir, '/ws', silentLogger);
    expect(store.readOnly).toBe(false);
    await store.close();
  });

  it('rebuilds when the index was made for another folder or format', async () => {
    const first = await IndexStore.open(tmp.dir, '/ws', silentLogger);
    await first.replaceFiles([{ file: file('a.ts'), chunks: [], symbols: [] }]);
    await first.close();
    const other = await IndexStore.open(tmp.dir, '/elsewhere', silentLogger);
    expect(other.rebuilt).toBe(true);
    expect((await other.counts()).files).toBe(0);
    await other.close();
  });
});

describe('a read-only store (untrusted workspace)', () => {
  it('refuses to create an index and never takes the lock of an existing one', async () => {
    await expect(IndexStore.open(path.join(tmp.dir, 'none'), '/ws', silentLogger, { readOnly: true })).rejects.toThrow(/No index has been built/);
    const writer = await IndexStore.open(tmp.dir, '/ws', silentLogger);
    await writer.replaceFiles([{ file: file('a.ts'), chunks: [], symbols: [] }]);
    await writer.close();
    const reader = await IndexStore.open(tmp.dir, '/ws', silentLogger, { readOnly: true });
    expect(reader.readOnly).toBe(true);
    expect((await reader.counts()).files).toBe(1);
    const again = await IndexStore.open(tmp.dir, '/ws', silentLogger);
    expect(again.readOnly).toBe(false); // the reader held no lock
    await again.close();
    await reader.close();
  });
});
