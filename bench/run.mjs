// The one runner for benchmarks written in TypeScript: bundles bench/<name>.ts (or
// bench/<name>/main.ts) with esbuild into node_modules/.cache (so that LanceDB and the other
// external packages resolve from the repo) and runs it. A bundle that exports
// `main(args, repoRoot)` is called with the remaining arguments; otherwise it runs as a script.
//   node bench/run.mjs index [--workers N] [--vectors 768|0]
//   node bench/run.mjs complete [--chunks 100000] [--iterations 300]
//   node bench/run.mjs eval --dataset FILE --git-dir DIR [--limit N]      (npm run eval -- …)
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const [name, ...args] = process.argv.slice(2);
const entry = [path.join(root, 'bench', `${name}.ts`), path.join(root, 'bench', `${name ?? ''}`, 'main.ts')].find((p) => name && existsSync(p));
if (!entry) {
  console.error('usage: node bench/run.mjs <index|complete|eval> [args]');
  process.exit(2);
}
const outDir = path.join(root, 'node_modules', '.cache', 'groundwork-bench');
mkdirSync(outDir, { recursive: true });
const out = path.join(outDir, `${name}.cjs`);
await build({
  entryPoints: [entry],
  outfile: out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  absWorkingDir: root,
  external: ['@lancedb/lancedb', 'apache-arrow'],
  // The ESM build of web-tree-sitter uses import.meta, which breaks in a CJS bundle (as scripts/build.mjs).
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/web-tree-sitter.cjs' },
  footer: {
    js: `if (typeof module.exports.main === 'function') Promise.resolve(module.exports.main(process.argv.slice(2), ${JSON.stringify(root)})).catch((err) => { console.error(err); process.exit(1); });`,
  },
  logLevel: 'warning',
});
const r = spawnSync(process.execPath, ['--expose-gc', out, ...args], {
  stdio: 'inherit',
  env: { ...process.env, GROUNDWORK_ROOT: root, RUST_LOG: process.env.RUST_LOG ?? 'error' },
});
process.exit(r.status ?? 1);
