/**
 * What kind of file a path holds, and how much a query's wording says it wants that kind.
 *
 * Most questions asked of the retriever (review, chat about code, completion context, an issue to
 * localise) are answered by source code. Changelogs, prose docs, tests, examples and config files
 * share the query's words far more often than they hold the answer: a changelog entry repeats a
 * commit message word for word, a test names the function it tests. So each kind gets a prior, and a
 * query that asks for that kind ("the docs say…", "add a test for…") lifts it back to par.
 */
import { boundedMemo } from '../memo';
import { languageForPath } from '../parse/languages';

export type FileKind = 'code' | 'test' | 'example' | 'doc' | 'changelog' | 'config' | 'unparsed';

/** Test folders, including .NET's test projects (`src/Foo.Tests/`, `Foo.UnitTests/`, `Foo.Specs/`). */
const TEST_DIR = /(^|\/)(tests?|testing|__tests__|__mocks__|spec|specs|testdata|test_data|fixtures?|[^/]+\.(unit|integration|functional)?(tests?|specs))(\/|$)/i;
const TEST_FILE = /(^|\/)(test_[^/]*|[^/]*_tests?\.[a-z]+|[^/]*\.(test|spec)\.[a-z]+|conftest\.py|[^/]*Tests?\.(java|kt|cs|swift))$/i;
const EXAMPLE_DIR = /(^|\/)(examples?|demos?|samples?|playground)(\/|$)/i;
const CHANGE_NAMES = 'change[-_]?logs?|changes|history|news|release[-_]?notes?|whats[-_]?new';
/** A changelog file (`CHANGES.md`, `HISTORY`, `doc/whats-new.rst`) or a folder of entries (`changelog/1234.bugfix.rst`). */
const CHANGELOG = new RegExp(
  `(^|/)((${CHANGE_NAMES})(\\.(md|mdx|rst|txt|markdown|adoc))?$|(${CHANGE_NAMES}|changelog\\.d|releases)/)`,
  'i',
);
const DOC_EXT = /\.(md|mdx|markdown|rst|txt|adoc|asciidoc|textile|org|rdoc|pod|[1-9])$/i;
const DOC_DIR = /(^|\/)(docs?|documentation|man)(\/|$)/i;
const CONFIG_EXT = /\.(json|jsonc|json5|ya?ml|toml|ini|cfg|conf|lock|xml|csv|tsv|svg|properties|env|editorconfig)$/i;
const CONFIG_NAME = /(^|\/)(\.[^/]+rc|[^/]*\.config\.[cm]?[jt]s|setup\.cfg|tox\.ini|Makefile|Dockerfile|[^/]*\.mk|go\.(mod|sum))$/i;

export function fileKind(path: string): FileKind {
  if (CHANGELOG.test(path)) return 'changelog';
  if (TEST_DIR.test(path) || TEST_FILE.test(path)) return 'test';
  if (DOC_EXT.test(path) || DOC_DIR.test(path)) return 'doc';
  if (CONFIG_EXT.test(path) || CONFIG_NAME.test(path)) return 'config';
  if (EXAMPLE_DIR.test(path)) return 'example';
  // Extensionless scripts, templates, markup in a language without a grammar: still code, but what
  // the index cannot see the structure of is less often where a code question is answered.
  if (!languageForPath(path)) return 'unparsed';
  return 'code';
}

/** Which kinds a query asks for by name (a question about docs should still find docs). */
export interface KindIntent {
  unparsed: boolean;
  doc: boolean;
  test: boolean;
  changelog: boolean;
  config: boolean;
  example: boolean;
}

const WANTS: Record<keyof KindIntent, RegExp> = {
  doc: /\b(docs?|documentation|documented|readme|docstrings?|man ?page|guide|tutorial|typos?|wording|spelling)\b/i,
  // Not the bare word: bug reports say "in my test" all the time. Asking about tests is explicit.
  test: /\b(tests? (for|of|in|files?|cases?|suites?|coverage)|unit ?tests?|test ?cases?|test ?suites?|(add|write|fix|update)(s|ed|ing)? (a |an |the |more |new |missing )?(unit )?tests?|how (is|are) .{1,40} tested|fixtures? (for|of|in)|e2e|flaky)\b/i,
  changelog: /\b(change ?logs?|changes\.(md|rst)|release notes?|history\.(md|rst)|news entry|what'?s new)\b/i,
  config: /\b(config(uration)? files?|package\.json|pyproject|setup\.cfg|tox\.ini|ya?ml|toml|ci|workflow|dependabot|lint(er)? config)\b/i,
  example: /\b(examples?|demos?|samples?|playground)\b/i,
  unparsed: /\b(shell|scripts?|templates?|html|css|vim|zsh|fish|install(er)?)\b/i,
};

export function kindIntent(query: string): KindIntent {
  return {
    doc: WANTS.doc.test(query),
    test: WANTS.test.test(query),
    changelog: WANTS.changelog.test(query),
    config: WANTS.config.test(query),
    example: WANTS.example.test(query),
    unparsed: WANTS.unparsed.test(query),
  };
}

/** Multiplier on a file's (and its chunks') score: 1 for code, less for what rarely answers a code question. */
export const KIND_PRIOR: Readonly<Record<FileKind, number>> = {
  code: 1,
  example: 0.5,
  test: 0.4,
  config: 0.4,
  doc: 0.35,
  changelog: 0.15,
  unparsed: 0.6,
};

/**
 * The prior of a chunk: its file's, except that a function, method or class defined in a config
 * script (`rollup.config.ts`, `eslint.config.js`) counts as code. The config prior is for what such
 * files mostly hold (settings whose keys repeat the words of the code they configure); a function
 * defined there is build logic that a question can be about, like any other function.
 */
export function chunkPrior(
  chunk: { path: string; kind: string; text?: string },
  filePrior: (path: string) => number,
  kindOf: (path: string) => FileKind = fileKind,
  testPrior: number = KIND_PRIOR.test,
): number {
  const definition = chunk.kind === 'function' || chunk.kind === 'method' || chunk.kind === 'class';
  if (definition && kindOf(chunk.path) === 'config') return 1;
  const prior = filePrior(chunk.path);
  return prior === 1 && definition && chunk.text !== undefined && isInlineTest(chunk.text) ? testPrior : prior;
}

/** Attributes that make a function a test: Rust's `#[test]`, `#[tokio::test]`, `#[rstest]`, `#[test_case(…)]`, `#[quickcheck]`. */
const TEST_ATTRIBUTE = /^#\[(?:[\w:]+::)?(?:test|rstest|test_case|quickcheck)\b/;
const LEADING_LINE = /^(?:$|\/\/|\/\*|\*|#\[|#!\[)/;

/**
 * Whether a chunk is a test written beside the code it tests: Rust keeps its unit tests in a
 * `mod tests` of the same file, so the path says "code" while the function is a test (its name
 * repeats the words of what it tests: `max_filesize_does_not_stat_ignored_file`). Read from the
 * attributes and comments the chunk opens with.
 */
export function isInlineTest(text: string): boolean {
  let from = 0;
  for (let n = 0; n < 12 && from <= text.length; n++) {
    const end = text.indexOf('\n', from);
    const line = text.slice(from, end < 0 ? text.length : end).trim();
    if (TEST_ATTRIBUTE.test(line)) return true;
    if (!LEADING_LINE.test(line) || end < 0) return false;
    from = end + 1;
  }
  return false;
}

/** Paths a `rememberedFileKind` keeps before it starts over. */
const KIND_CACHE_LIMIT = 100_000;

/**
 * `fileKind` remembered per path (one per retriever). A query asks for the kind of a thousand-odd
 * candidates, mostly chunks of the same few hundred files, and the next query asks about the same
 * files again: the regular expressions were ~1 ms of a hybrid query at 115k chunks.
 */
export function rememberedFileKind(): (path: string) => FileKind {
  return boundedMemo(fileKind, KIND_CACHE_LIMIT);
}

/** A kind the query asks for is close to par with code (code still answers most questions). */
export const INTENT_PRIOR = 0.8;

/** The prior of a kind under a query's intent: a kind the query asks for is not discounted. */
export function kindPrior(kind: FileKind, intent: KindIntent): number {
  if (kind === 'code') return 1;
  if (intent[kind]) return Math.max(KIND_PRIOR[kind], INTENT_PRIOR);
  // Docs questions are often answered by the changelog too, and the reverse.
  if (kind === 'changelog' && intent.doc) return KIND_PRIOR.doc;
  return KIND_PRIOR[kind];
}
