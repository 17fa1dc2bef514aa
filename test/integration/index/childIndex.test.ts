import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/core/config';
import { openEngine } from '../../../src/core/engine';
import { AbortError, IndexError } from '../../../src/core/errors';
import { indexInChild, type ChildIndexRequest } from '../../../src/core/index/childIndex';
import { silentLogger } from '../../../src/core/log';
import { assertBuilt } from '../../support/cli';
import { tempDir, writeTree } from '../../support/tmp';

const DIST = path.resolve(__dirname, '../../../dist');
const SCRIPT = path.join(DIST, 'indexProcess.js');
let ws: ReturnType<typeof tempDir>;

const request = (root: string, dbDir: string): ChildIndexRequest => ({
  root,
  dbDir,
  config: defaultConfig(),
  grammarDir: path.join(DIST, 'grammars'),
  workerScript: path.join(DIST, 'parseWorker.js'),
  workers: 1,
});

beforeAll(() => {
  assertBuilt();
  ws = tempDir('gw-child-');
  writeTree(ws.dir, {
    'repo/src/retry.ts': 'export async function retryWithBackoff(fn: () => Promise<void>) {\n  await fn();\n}\n',
    'repo/lib/session.py': 'class Session:\n    def send_request(self, prepared):\n        return self.adapter.send(prepared)\n',
    'repo/.groundwork/standards/team.md': '# Team\n\n## [STD-1] Retries\nEvery network call is retried with backoff.\n',
  });
  for (let i = 0; i < 400; i++) {
    writeTree(ws.dir, { [`big/src/m${i}.ts`]: Array.from({ length: 60 }, (_, j) => `export function f${i}_${j}(x: number) {\n  return x + ${j};\n}\n`).join('') });
  }
});
afterAll(() => ws.cleanup());

describe('a full index run in a child process', () => {
  it('indexes the folder, reports progress and log lines, and leaves an index this process can search', async () => {
    const root = path.join(ws.dir, 'repo');
    const dbDir = path.join(ws.dir, 'db-repo');
    const progress: number[] = [];
    const infos: string[] = [];
    const summary = await indexInChild({
      script: SCRIPT,
      request: request(root, dbDir),
      logger: { ...silentLogger, info: (m) => infos.push(m) },
      onProgress: ({ done }) => progress.push(done),
    });
    expect(summary).toMatchObject({ files: 3, indexed: 3, removed: 0 });
    // Settled only once the child has exited: its write lock is gone, so this window can write at once.
    expect(existsSync(path.join(dbDir, 'write.lock'))).toBe(false);
    expect(progress.at(-1)).toBe(3);
    expect(infos.some((m) => /Indexed 3 files/.test(m))).toBe(true);

    // The child released the write lock when it exited: this process writes and reads the index.
    const engine = await openEngine({ root, dbDir, config: defaultConfig(), logger: silentLogger, grammarDir: path.join(DIST, 'grammars') });
    try {
      expect(engine.readOnly).toBe(false);
      expect(await engine.counts()).toMatchObject({ files: 3, standards: 1 });
      const result = await engine.retriever.retrieve({ query: 'retry with backoff', k: 3 });
      expect(result.chunks[0]).toMatchObject({ path: 'src/retry.ts', symbol: 'retryWithBackoff' });
    } finally {
      await engine.close();
    }
  });

  it('stops when cancelled, keeps what it wrote, and the next run completes it', async () => {
    const root = path.join(ws.dir, 'big');
    const dbDir = path.join(ws.dir, 'db-big');
    const controller = new AbortController();
    const run = indexInChild({
      script: SCRIPT,
      request: request(root, dbDir),
      logger: silentLogger,
      signal: controller.signal,
      onProgress: ({ done }) => {
        if (done >= 100) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(AbortError);
    const summary = await indexInChild({ script: SCRIPT, request: request(root, dbDir), logger: silentLogger });
    expect(summary.files).toBe(400);
    expect(summary.unchanged).toBeGreaterThanOrEqual(100);
    expect(summary.indexed + summary.unchanged).toBe(400);
  });

  it('reports a child that dies as an error that says what was kept', async () => {
    const run = indexInChild({ script: path.join(ws.dir, 'missing.js'), request: request(path.join(ws.dir, 'repo'), path.join(ws.dir, 'db-x')), logger: silentLogger });
    await expect(run).rejects.toBeInstanceOf(IndexError);
    await expect(run).rejects.toThrow(/exited with code 1 before it finished.*Cannot find module/);
  });

  it('refuses an index another process is writing, without touching it', async () => {
    const root = path.join(ws.dir, 'repo');
    const dbDir = path.join(ws.dir, 'db-repo');
    const holder = await openEngine({ root, dbDir, config: defaultConfig(), logger: silentLogger, grammarDir: path.join(DIST, 'grammars') });
    try {
      await expect(indexInChild({ script: SCRIPT, request: request(root, dbDir), logger: silentLogger })).rejects.toThrow(/another window or process is writing this index/);
      expect(await holder.counts()).toMatchObject({ files: 3 });
    } finally {
      await holder.close();
    }
  });
});
