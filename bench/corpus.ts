/** Builds a benchmark corpus no one here wrote: the JS/TS/Python sources of the project's node_modules. */
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { IndexStore } from '../src/core/index/store';
import { termsText } from '../src/core/terms';

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

/** A seeded random number generator (mulberry32): the same queries and vectors on every run. */
export function mulberry32(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The latency benches' 200 queries: symbol names of the index and questions built from two of them. */
export async function benchQueries(store: IndexStore): Promise<string[]> {
  const symbols = (await store.symbols.query().where('is_def = true').select(['name']).limit(200_000).toArray()) as Array<{ name: string }>;
  const rng = mulberry32(42);
  const queries: string[] = [];
  for (let i = 0; i < 200; i++) {
    const a = symbols[Math.floor(rng() * symbols.length)]!.name;
    const b = symbols[Math.floor(rng() * symbols.length)]!.name;
    queries.push(i % 2 ? a : `how does ${termsText(a)} handle ${termsText(b)} errors`);
  }
  return queries;
}
