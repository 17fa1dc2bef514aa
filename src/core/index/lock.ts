/**
 * A write lock on an index directory so that two windows (or a window and the CLI) never write
 * the same tables at once. The lock file holds the owner's pid; a lock whose owner is gone
 * (killed mid-index) is stale and is taken over.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

export interface WriteLock {
  release(): Promise<void>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Returns the lock, or undefined when another live process holds it. */
export async function tryAcquireWriteLock(dir: string): Promise<WriteLock | undefined> {
  const file = path.join(dir, 'write.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await fs.open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      let released = false;
      return {
        async release() {
          if (released) return;
          released = true;
          await fs.rm(file, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (await heldByOther(dir)) return undefined;
      await fs.rm(file, { force: true }); // stale: its owner died
    }
  }
  return undefined;
}

/** Whether another live process holds the write lock of an index directory. */
export async function heldByOther(dir: string): Promise<boolean> {
  const owner = Number.parseInt(await fs.readFile(path.join(dir, 'write.lock'), 'utf8').catch(() => ''), 10);
  return Number.isInteger(owner) && owner !== process.pid && alive(owner);
}
