/**
 * The language table: which files we parse with which grammar and tags query.
 * `wasm` and `query` are file names inside the grammar directory (`dist/grammars`), as
 * `scripts/grammars.mjs` lays it out. Markdown has no grammar: it is split by headings; Vue and
 * Svelte components are read with their scripts' grammar.
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
  grammar('swift', 'tree-sitter-swift.wasm', ['.swift']),
  grammar('dart', 'tree-sitter-dart.wasm', ['.dart']),
  { id: 'markdown', extensions: ['.md', '.markdown'] },
  // Single-file components: their `<script>` blocks are read with the TypeScript or JavaScript
  // grammar (`sfc.ts`), the template and styles kept as text.
  { id: 'vue', extensions: ['.vue'] },
  { id: 'svelte', extensions: ['.svelte'] },
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

/**
 * What only C++ says, at the start of a line: a namespace, a template, a class with a body, an
 * access label, `using namespace`, or a standard header without `.h`; or `std::` anywhere.
 */
const CPP_ONLY =
  /^\s*(namespace(\s+[\w:]+)?\s*\{|template\s*<|class\s+\w+[^;(){}]*\{|(public|private|protected)\s*:|using\s+namespace\s|#\s*include\s*<(iostream|string|vector|memory|map|unordered_map|set|cstdint|cstddef|cstdio|cstdlib|cstring|algorithm|functional|utility|chrono|mutex|thread|atomic|optional|type_traits)>)|\bstd::\w/m;

/**
 * The language of a file given its text: as `languageForPath`, but a `.h` header that is C++
 * (spdlog, LLVM and most C++ libraries name theirs `.h`) is C++: the C grammar reads its namespaces,
 * templates and classes as errors and gave spdlog's classes as nameless 70–170-line chunks. The
 * first 64 KB are read.
 */
export function languageForFile(path: string, text: string): string | undefined {
  const language = languageForPath(path);
  if (language !== 'c' || !/\.h$/i.test(path)) return language;
  return CPP_ONLY.test(text.length > 65536 ? text.slice(0, 65536) : text) ? 'cpp' : 'c';
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
