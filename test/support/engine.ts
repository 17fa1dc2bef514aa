/** A real engine (LanceDB in a temp dir, real grammars) over a temp workspace. */
import path from 'node:path';
import { defaultConfig, parseConfig, type Config, type RawSettings } from '../../src/core/config';
import { openEngine, type Engine, type EngineOptions } from '../../src/core/engine';
import { silentLogger } from '../../src/core/log';
import { grammarDir } from './grammars';
import { afterEach, beforeEach } from 'vitest';
import { tempDir, writeTree } from './tmp';

export interface TestEngine {
  engine: Engine;
  root: string;
  dbDir: string;
  reopen(): Promise<Engine>;
  cleanup(): Promise<void>;
}

export async function testEngine(root: string, settings?: RawSettings, extra: Partial<EngineOptions> = {}): Promise<TestEngine> {
  const db = tempDir('gw-db-');
  const config: Config = settings ? parseConfig(settings) : defaultConfig();
  const open = () => openEngine({ root, dbDir: path.join(db.dir, 'index'), config, logger: silentLogger, grammarDir: grammarDir(), ...extra });
  const state: TestEngine = {
    engine: await open(),
    root,
    dbDir: path.join(db.dir, 'index'),
    async reopen() {
      await state.engine.close();
      state.engine = await open();
      return state.engine;
    },
    async cleanup() {
      await state.engine.close();
      db.cleanup();
    },
  };
  return state;
}

/**
 * A workspace written from `files` and indexed before each test of the calling file, removed after
 * it. The returned function gives the current test's engine.
 */
export function useIndexedWorkspace(prefix: string, files: Record<string, string>): () => TestEngine {
  let ws: ReturnType<typeof tempDir> | undefined;
  let t: TestEngine | undefined;
  beforeEach(async () => {
    ws = tempDir(prefix);
    writeTree(ws.dir, files);
    t = await testEngine(ws.dir);
    await t.engine.index();
  });
  afterEach(async () => {
    await t?.cleanup();
    ws?.cleanup();
  });
  return () => {
    if (!t) throw new Error('useIndexedWorkspace: the engine exists only inside a test');
    return t;
  };
}
