import { mkdtempSync, promises as fs, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitTimes, hasCommit } from '../../../src/core/eval/gitTree';
import { WorkTree } from '../../../src/core/eval/workTree';
import { silentLogger } from '../../../src/core/log';
import { gitFixture, type GitFixture } from './gitFixture';

describe('WorkTree', () => {
  let repo: GitFixture;
  let cache: string;
  beforeEach(() => {
    repo = gitFixture();
    cache = mkdtempSync(path.join(os.tmpdir(), 'gw-eval-cache-'));
  });
  afterEach(() => {
    repo.cleanup();
    rmSync(cache, { recursive: true, force: true });
  });
  const tree = () => new WorkTree({ gitDir: repo.dir, root: path.join(cache, 'tree'), stateFile: path.join(cache, 'state.json'), logger: silentLogger });
  const read = (p: string) => fs.readFile(path.join(cache, 'tree', p), 'utf8');

  it('moves between commits writing only what differs, so unchanged files keep their mtime', async () => {
    const a = repo.commit({ 'src/keep.py': 'x = 1\n', 'src/change.py': 'y = 1\n', 'old.py': 'z = 1\n' }, '2020-01-01T00:00:00Z');
    const b = repo.commit({ 'src/change.py': 'y = 2\n', 'old.py': null, 'new/added.py': 'w = 1\n' }, '2020-01-02T00:00:00Z');
    const wt = tree();
    expect(await wt.checkout(a)).toEqual({ written: 3, removed: 0, missing: 0, files: 3 });
    const keepBefore = (await fs.stat(path.join(cache, 'tree', 'src/keep.py'))).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    expect(await wt.checkout(b)).toEqual({ written: 2, removed: 1, missing: 0, files: 3 });
    expect(await read('src/change.py')).toBe('y = 2\n');
    expect(await read('new/added.py')).toBe('w = 1\n');
    await expect(fs.access(path.join(cache, 'tree', 'old.py'))).rejects.toThrow();
    expect((await fs.stat(path.join(cache, 'tree', 'src/keep.py'))).mtimeMs).toBe(keepBefore);
    // a new process picks up the saved state and finds nothing to do
    expect(await tree().checkout(b)).toMatchObject({ written: 0, removed: 0 });
    expect(await hasCommit(repo.dir, b)).toBe(true);
    expect(await hasCommit(repo.dir, 'f'.repeat(40))).toBe(false);
    const times = await commitTimes(repo.dir, [b, a]);
    expect(times.get(a)! < times.get(b)!).toBe(true);
  });

  it('writes stripped doc comments and restores the original when the strip goes away', async () => {
    const a = repo.commit({ 'm.py': 'def f():\n    """Doc."""\n    return 1\n' }, '2020-01-01T00:00:00Z');
    const wt = tree();
    await wt.checkout(a, [{ path: 'm.py', lines: [2, 2], lang: 'python' }]);
    expect(await read('m.py')).toBe('def f():\n    ""\n    return 1\n');
    expect(await wt.checkout(a)).toMatchObject({ written: 1 });
    expect(await read('m.py')).toBe('def f():\n    """Doc."""\n    return 1\n');
  });
});
