/**
 * Builds dist/ once when it is missing, so that `npx vitest` works on a fresh checkout too, and lays
 * out the grammars once for the whole run (from the sources' queries, not a possibly stale dist/):
 * one temp folder, removed at the end, instead of one per test process left behind (27 MB each).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { copyGrammars } from '../../scripts/grammars.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    grammarDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const root = path.resolve(__dirname, '../..');
  if (!existsSync(path.join(root, 'dist', 'cli.js')) || !existsSync(path.join(root, 'dist', 'grammars'))) {
    try {
      execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
    } catch (err) {
      // Tests that need dist/ fail on their own with a clear message; the others still run.
      console.warn(`globalSetup: build failed (${(err as Error).message.split('\n')[0]})`);
    }
  }
  const temp = mkdtempSync(path.join(os.tmpdir(), 'gw-grammars-'));
  const dir = path.join(temp, 'grammars');
  copyGrammars(dir);
  project.provide('grammarDir', dir);
  return () => rmSync(temp, { recursive: true, force: true });
}
