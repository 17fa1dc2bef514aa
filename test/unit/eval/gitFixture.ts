/** A throwaway git repository for the eval tests: commits given file maps, returns their shas. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface GitFixture {
  dir: string;
  commit(files: Record<string, string | null>, date: string): string;
  cleanup(): void;
}

export function gitFixture(): GitFixture {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gw-eval-git-'));
  const git = (args: string[], env: Record<string, string> = {}) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], {
      cwd: dir,
      env: { ...process.env, ...env },
    }).toString().trim();
  git(['init', '-q', '-b', 'main']);
  return {
    dir,
    commit(files, date) {
      for (const [p, content] of Object.entries(files)) {
        const abs = path.join(dir, p);
        if (content === null) {
          rmSync(abs);
          continue;
        }
        mkdirSync(path.dirname(abs), { recursive: true });
        writeFileSync(abs, content);
      }
      git(['add', '-A']);
      git(['commit', '-q', '-m', `at ${date}`], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
      return git(['rev-parse', 'HEAD']);
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
