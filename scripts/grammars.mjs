// Copies web-tree-sitter's runtime, the grammar .wasm files and the tags queries into a
// grammar directory (dist/grammars at build time). Grammar packages stay devDependencies.
// Usage: node scripts/grammars.mjs dist/grammars
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OWN_QUERIES = join(ROOT, 'src/core/parse/queries');

const JS_OWN = ['javascript', 'typescript'];

/**
 * id → grammar file in its package (`from`, when not at the package's top as `wasm`) and the package tags queries to concatenate (default: the
 * package's own queries/tags.scm; `[]` when our lean query replaces it); then
 * src/core/parse/queries/<name>.scm for each name of `own` (default: the id) is appended if present.
 * JavaScript, TypeScript, Go and Ruby use only our lean queries: no doc-comment patterns
 * (`(comment)* @doc` with `#select-adjacent!`, unused: chunks carry their leading comments), no
 * patterns without a definition or reference, references capturing only the name node.
 */
export const GRAMMARS = [
  { id: 'typescript', pkg: 'tree-sitter-typescript', wasm: 'tree-sitter-typescript.wasm', tags: [], own: JS_OWN },
  { id: 'tsx', pkg: 'tree-sitter-typescript', wasm: 'tree-sitter-tsx.wasm', tags: [], own: JS_OWN },
  { id: 'javascript', pkg: 'tree-sitter-javascript', wasm: 'tree-sitter-javascript.wasm', tags: [], own: ['javascript', 'javascript-only'] },
  { id: 'python', pkg: 'tree-sitter-python', wasm: 'tree-sitter-python.wasm' },
  { id: 'go', pkg: 'tree-sitter-go', wasm: 'tree-sitter-go.wasm', tags: [] },
  { id: 'rust', pkg: 'tree-sitter-rust', wasm: 'tree-sitter-rust.wasm' },
  { id: 'java', pkg: 'tree-sitter-java', wasm: 'tree-sitter-java.wasm' },
  { id: 'c', pkg: 'tree-sitter-c', wasm: 'tree-sitter-c.wasm' },
  { id: 'cpp', pkg: 'tree-sitter-cpp', wasm: 'tree-sitter-cpp.wasm' },
  { id: 'csharp', pkg: 'tree-sitter-c-sharp', wasm: 'tree-sitter-c_sharp.wasm' },
  { id: 'ruby', pkg: 'tree-sitter-ruby', wasm: 'tree-sitter-ruby.wasm', tags: [] },
  { id: 'php', pkg: 'tree-sitter-php', wasm: 'tree-sitter-php.wasm' },
  { id: 'bash', pkg: 'tree-sitter-bash', wasm: 'tree-sitter-bash.wasm', tags: [] },
  { id: 'kotlin', pkg: '@tree-sitter-grammars/tree-sitter-kotlin', wasm: 'tree-sitter-kotlin.wasm', tags: [] },
  // tree-sitter-swift and tree-sitter-dart publish no .wasm; this package's are built from them.
  { id: 'swift', pkg: '@repomix/tree-sitter-wasms', from: 'out/tree-sitter-swift.wasm', wasm: 'tree-sitter-swift.wasm', tags: [] },
  { id: 'dart', pkg: '@repomix/tree-sitter-wasms', from: 'out/tree-sitter-dart.wasm', wasm: 'tree-sitter-dart.wasm', tags: [] },
];

function packageDir(pkg) {
  for (let dir = ROOT; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', pkg);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`grammars: package ${pkg} is not installed (run npm install)`);
  }
}

function mustExist(file, what) {
  if (!existsSync(file)) throw new Error(`grammars: ${what} is missing: ${file}`);
  return file;
}

/** The tags query text of one grammar: package queries (default: its own tags.scm), then ours. */
function queryText(g) {
  const parts = [];
  const tags = g.tags ?? [[g.pkg, 'queries/tags.scm']];
  for (const [pkg, rel] of tags) {
    const file = mustExist(join(packageDir(pkg), rel), `tags query of ${pkg}`);
    parts.push(`; from ${pkg}/${rel}\n${readFileSync(file, 'utf8')}`);
  }
  for (const name of g.own ?? [g.id]) {
    const own = join(OWN_QUERIES, `${name}.scm`);
    if (existsSync(own)) parts.push(`; from src/core/parse/queries/${name}.scm\n${readFileSync(own, 'utf8')}`);
    else if (g.own) throw new Error(`grammars: our query ${name}.scm for ${g.id} is missing: ${own}`);
  }
  if (parts.length === 0) throw new Error(`grammars: no tags query for ${g.id} (expected ${join(OWN_QUERIES, `${g.id}.scm`)})`);
  return parts.join('\n');
}

/** Copies everything the parser needs into outDir; returns the files written. Throws if anything is missing. */
export function copyGrammars(outDir) {
  const out = resolve(outDir);
  mkdirSync(join(out, 'queries'), { recursive: true });
  const written = [];
  const runtime = mustExist(join(packageDir('web-tree-sitter'), 'web-tree-sitter.wasm'), 'web-tree-sitter runtime');
  copyFileSync(runtime, join(out, 'web-tree-sitter.wasm'));
  written.push(join(out, 'web-tree-sitter.wasm'));
  for (const g of GRAMMARS) {
    const wasm = mustExist(join(packageDir(g.pkg), g.from ?? g.wasm), `grammar of ${g.id}`);
    copyFileSync(wasm, join(out, g.wasm));
    const query = join(out, 'queries', `${g.id}.scm`);
    writeFileSync(query, queryText(g));
    written.push(join(out, g.wasm), query);
  }
  return written;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2] ?? join(ROOT, 'dist/grammars');
  try {
    const files = copyGrammars(outDir);
    process.stdout.write(`grammars: copied ${files.length} files to ${resolve(outDir)}\n`);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
