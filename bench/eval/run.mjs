// Runs the retrieval eval (bench/eval/main.ts) without a TypeScript loader: bundles it with
// esbuild into node_modules/.cache (so that node_modules resolve), then runs it.
//   node bench/eval/run.mjs --dataset FILE --git-dir DIR [--limit N] [--ranker …]   (see main.ts)
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outfile = path.join(root, 'node_modules', '.cache', 'groundwork-eval', 'main.cjs');
await build({
  entryPoints: [path.join(root, 'bench', 'eval', 'main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
  external: ['@lancedb/lancedb', 'apache-arrow'],
  absWorkingDir: root,
  // the ESM build of web-tree-sitter uses import.meta, which breaks in a CJS bundle (as scripts/build.mjs)
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/web-tree-sitter.cjs' },
});
const { main } = createRequire(import.meta.url)(outfile);
try {
  await main(process.argv.slice(2), root);
} catch (err) {
  process.stderr.write(`eval failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exitCode = 1;
}
