/**
 * The language table: which files we parse with which grammar and tags query.
 * `wasm` and `query` are file names inside the grammar directory (`dist/grammars`), as
 * `scripts/grammars.mjs` lays it out. Markdown has no grammar: it is split by headings.
 */
export interface LanguageInfo {
  id: string;
  extensions: readonly string[];
  /** Exact base names (e.g. `Rakefile`) that belong to the language. */
  fileNames?: readonly string[];
  /** Grammar file in the grammar directory; absent when the language is chunked without tree-sitter. */
  wasm?: string;
  /** Tags query in the grammar directory. */
  query?: string;
}

const grammar = (id: string, wasm: string, extensions: string[], fileNames?: string[]): LanguageInfo => ({
  id,
  extensions,
  fileNames,
  wasm,
  query: `queries/${id}.scm`,
});

export const LANGUAGES: readonly LanguageInfo[] = [
  grammar('typescript', 'tree-sitter-typescript.wasm', ['.ts', '.mts', '.cts']),
  grammar('tsx', 'tree-sitter-tsx.wasm', ['.tsx']),
  grammar('javascript', 'tree-sitter-javascript.wasm', ['.js', '.mjs', '.cjs', '.jsx']),
  grammar('python', 'tree-sitter-python.wasm', ['.py', '.pyi']),
  grammar('go', 'tree-sitter-go.wasm', ['.go']),
  grammar('rust', 'tree-sitter-rust.wasm', ['.rs']),
  grammar('java', 'tree-sitter-java.wasm', ['.java']),
  grammar('c', 'tree-sitter-c.wasm', ['.c', '.h']),
  grammar('cpp', 'tree-sitter-cpp.wasm', ['.cc', '.cpp', '.cxx', '.c++', '.hpp', '.hh', '.hxx', '.h++', '.ipp']),
  grammar('csharp', 'tree-sitter-c_sharp.wasm', ['.cs']),
  grammar('ruby', 'tree-sitter-ruby.wasm', ['.rb', '.rake', '.gemspec'], ['Rakefile', 'Gemfile']),
  grammar('php', 'tree-sitter-php.wasm', ['.php']),
  grammar('bash', 'tree-sitter-bash.wasm', ['.sh', '.bash']),
  grammar('kotlin', 'tree-sitter-kotlin.wasm', ['.kt', '.kts']),
  { id: 'markdown', extensions: ['.md', '.markdown'] },
];

/** The language id of files we do not know: they are split into line windows. */
export const PLAIN_TEXT = 'text';

function buildIndex(): { byExt: Map<string, LanguageInfo>; byName: Map<string, LanguageInfo> } {
  const byExt = new Map<string, LanguageInfo>();
  const byName = new Map<string, LanguageInfo>();
  for (const lang of LANGUAGES) {
    for (const ext of lang.extensions) byExt.set(ext, lang);
    for (const name of lang.fileNames ?? []) byName.set(name, lang);
  }
  return { byExt, byName };
}

const INDEX = buildIndex();

export function languageInfo(id: string): LanguageInfo | undefined {
  return LANGUAGES.find((l) => l.id === id);
}

/** The language id of a path (by extension or exact base name), or undefined when unknown. */
export function languageForPath(path: string): string | undefined {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const named = INDEX.byName.get(base);
  if (named) return named.id;
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return undefined;
  return INDEX.byExt.get(base.slice(dot).toLowerCase())?.id;
}
