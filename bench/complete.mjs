// Runs the inline-completion benchmark (bench/complete/main.ts) without a TypeScript loader: bundles
// it with esbuild into node_modules/.cache (so that node_modules resolve), then runs it.
//   node bench/complete.mjs [--chunks 100000] [--index DIR] [--iterations 300]
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// LanceDB 0.31's full-text index build hangs at ~100k rows when its CPU pool has 2 threads (2-core
// machines); 4 threads avoid it. Must be set before the native module starts its runtime.
process.env.LANCE_CPU_THREADS ??= '4';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, 'node_modules', '.cache', 'groundwork-bench', 'complete.cjs');
await build({
  entryPoints: [path.join(root, 'bench', 'complete', 'main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
  external: ['@lancedb/lancedb', 'apache-arrow'],
  alias: { 'web-tree-sitter': 'web-tree-sitter/web-tree-sitter.cjs' },
});
const { main } = createRequire(import.meta.url)(outfile);
try {
  await main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exitCode = 1;
}
