/** Builds dist/ once when it is missing, so that `npx vitest` works on a fresh checkout too. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export default function setup(): void {
  const root = path.resolve(__dirname, '../..');
  if (!existsSync(path.join(root, 'dist', 'cli.js')) || !existsSync(path.join(root, 'dist', 'grammars'))) {
    try {
      execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
    } catch (err) {
      // Tests that need dist/ fail on their own with a clear message; the others still run.
      console.warn(`globalSetup: build failed (${(err as Error).message.split('\n')[0]})`);
    }
  }
}
