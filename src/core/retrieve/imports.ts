/**
 * The names a source file brings into scope with import statements, for the module languages
 * where a name defined in another file can be used bare only once imported (JavaScript,
 * TypeScript, Python). Read with regular expressions over the file's text: a word too many only
 * keeps a definition that could have been dropped.
 */

const MODULE_LANGUAGES = new Set(['javascript', 'typescript', 'tsx', 'python']);

// Each pattern has one part that may match whitespace between its fixed words, and a bounded
// one: overlapping `\s` runs made an earlier version cubic on a long run of blank lines.
const JS_IMPORT = /\bimport\b([^'";]{0,2000}?)\bfrom\s*['"]/g;
const JS_IMPORT_EQUALS = /\bimport\s+([A-Za-z_$][\w$]*)\s*=\s*require\b/g;
const JS_REQUIRE = /\b(?:const|let|var)\s+(\{[^}]{0,2000}\}|[A-Za-z_$][\w$]*)\s*=\s*(?:await\s+)?(?:require|import)\s*\(/g;
/** Comments that start a line or follow whitespace (not the `//` of `http://`). */
const JS_COMMENT = /(^|\s)(?:\/\/[^\n]*|\/\*[\s\S]{0,20000}?\*\/)/g;
const PY_FROM = /^[ \t]*from[ \t]+[\w.]+[ \t]+import[ \t]+(\([^)]*\)|[^\s(][^\n]*)/gm;
const PY_IMPORT = /^[ \t]*import[ \t]+([^\s][^\n]*)/gm;
/** Python comments, and line continuations joined. */
const PY_COMMENT = /#[^\n]*/g;
const PY_CONTINUATION = /\\\r?\n/g;
const WORD = /[A-Za-z_$][\w$]*/g;
const KEYWORDS = new Set(['as', 'type', 'typeof']);

/**
 * The imported names of a file (local names and, for `a as b`, both), or undefined when they
 * cannot tell what is in scope: a language without such imports, a star import
 * (`from x import *`), or a file with no import at all (a script that shares globals).
 */
export function importedNames(text: string, language: string): Set<string> | undefined {
  if (!MODULE_LANGUAGES.has(language)) return undefined;
  const names = new Set<string>();
  let statements = 0;
  const add = (clause: string) => {
    statements += 1;
    for (const m of clause.matchAll(WORD)) if (!KEYWORDS.has(m[0])) names.add(m[0]);
  };
  if (language === 'python') {
    const code = text.replace(PY_COMMENT, '').replace(PY_CONTINUATION, ' ');
    for (const m of code.matchAll(PY_FROM)) {
      if (/^\s*\*/.test(m[1] as string)) return undefined;
      add(m[1] as string);
    }
    for (const m of code.matchAll(PY_IMPORT)) add(m[1] as string);
  } else {
    const code = text.replace(JS_COMMENT, '$1');
    for (const m of code.matchAll(JS_IMPORT)) add(m[1] as string);
    for (const m of code.matchAll(JS_IMPORT_EQUALS)) add(m[1] as string);
    for (const m of code.matchAll(JS_REQUIRE)) add(m[1] as string);
  }
  return statements > 0 ? names : undefined;
}
