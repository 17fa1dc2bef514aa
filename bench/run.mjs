// Runs a TypeScript benchmark: bundles bench/<name>.ts with esbuild into a temp dir and runs it
// with node, so benchmarks use the same sources as the product.
//   node bench/run.mjs index [args…]     (npm run bench -- index)
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const [name, ...args] = process.argv.slice(2);
if (!name) {
  console.error('usage: node bench/run.mjs <index|query|…> [args]');
  process.exit(2);
}
// Inside node_modules/.cache so that Node resolves the external packages (LanceDB) from the repo.
const outDir = path.join(root, 'node_modules', '.cache', 'groundwork-bench');
mkdirSync(outDir, { recursive: true });
const out = path.join(outDir, `${name}.js`);
await build({
  entryPoints: [path.join(root, 'bench', `${name}.ts`)],
  outfile: out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['@lancedb/lancedb', 'apache-arrow'],
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/web-tree-sitter.cjs' },
  nodePaths: [path.join(root, 'node_modules')],
  logLevel: 'warning',
});
const r = spawnSync(process.execPath, ['--expose-gc', out, ...args], {
  stdio: 'inherit',
  env: { ...process.env, GROUNDWORK_ROOT: root, NODE_PATH: path.join(root, 'node_modules') },
});
process.exit(r.status ?? 1);
