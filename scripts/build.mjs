// Bundles the extension, the CLI and the parser worker into dist/ with esbuild, and copies the
// grammar .wasm files, tags queries and web-tree-sitter.wasm beside them.
//   node scripts/build.mjs [--watch] [--production]
import { build, context } from 'esbuild';
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyGrammars } from './grammars.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  // LanceDB ships a native binary per platform: it stays in node_modules, loaded at run time.
  external: ['vscode', '@lancedb/lancedb', 'apache-arrow'],
  // The ESM build of web-tree-sitter uses import.meta, which breaks in a CJS bundle.
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/web-tree-sitter.cjs' },
};

const nodeTargets = [
  { entryPoints: { extension: 'src/extension.ts' } },
  { entryPoints: { cli: 'src/cli.ts' } },
  { entryPoints: { parseWorker: 'src/core/parse/worker.ts' } },
  { entryPoints: { indexProcess: 'src/indexProcess.ts' } },
];
const webTargets = [
  { entryPoints: { 'webview/chat': 'src/webview/chat/main.ts' }, platform: 'browser', format: 'iife', target: 'es2022', external: [] },
];

const { existsSync } = await import('node:fs');
const targets = [...nodeTargets, ...webTargets.filter((t) => existsSync(path.join(root, Object.values(t.entryPoints)[0])))];

await mkdir(path.join(root, 'dist'), { recursive: true });
await copyGrammars(path.join(root, 'dist', 'grammars'));
if (watch) {
  for (const t of targets) await (await context({ ...common, ...t, outdir: 'dist' })).watch();
  console.log('watching…');
} else {
  await Promise.all(targets.map((t) => build({ ...common, ...t, outdir: 'dist' })));
  await chmod(path.join(root, 'dist', 'cli.js'), 0o755);
}
