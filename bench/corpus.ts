/** Builds a benchmark corpus no one here wrote: the JS/TS/Python sources of the project's node_modules. */
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const EXT = /\.(js|mjs|cjs|ts|mts|cts|tsx|py)$/;

/** Copies sources into `dest` (once), renaming node_modules folders so the walker does not skip them. */
export function nodeModulesCorpus(root: string, dest: string, maxFileBytes = 512 * 1024): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const marker = path.join(dest, '.complete');
  const walk = (from: string, to: string) => {
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      const src = path.join(from, entry.name);
      const name = entry.name === 'node_modules' ? 'nm' : entry.name;
      // node_modules/.cache holds build output (this repo's own bench bundles among it), not sources.
      if (entry.isDirectory()) {
        if (entry.name !== '.cache') walk(src, path.join(to, name));
      }
      else if (entry.isFile() && EXT.test(entry.name) && !entry.name.endsWith('.d.ts.map')) {
        const size = statSync(src).size;
        if (size > maxFileBytes || size === 0) continue;
        if (!existsSync(marker)) {
          mkdirSync(to, { recursive: true });
          copyFileSync(src, path.join(to, name));
        }
        files++;
        bytes += size;
      }
    }
  };
  walk(path.join(root, 'node_modules'), path.join(dest, 'packages'));
  if (!existsSync(marker)) copyFileSync(path.join(root, 'package.json'), marker);
  return { files, bytes };
}

export function median(xs: number[]): number {
  return percentile(xs, 50);
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}
