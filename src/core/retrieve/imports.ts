/**
 * The names a source file brings into scope with import statements, for the module languages
 * where a name defined in another file can be used bare only once imported (JavaScript,
 * TypeScript, Python). Read with regular expressions over the file's text: a word too many only
 * keeps a definition that could have been dropped.
 */

const MODULE_LANGUAGES = new Set(['javascript', 'typescript', 'tsx', 'python']);

const JS_IMPORT = /\bimport\s+(?:type\s+)?([\w$*{}\s,]+?)\s+from\s*['"]/g;
const JS_REQUIRE = /\b(?:const|let|var)\s+(\{[^}]*\}|[A-Za-z_$][\w$]*)\s*=\s*require\s*\(/g;
const PY_FROM = /^[ \t]*from\s+[\w.]+\s+import\s+(\([^)]*\)|[^\n#]+)/gm;
const PY_IMPORT = /^[ \t]*import\s+([^\n#]+)/gm;
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
    for (const m of text.matchAll(PY_FROM)) {
      if (/^\s*\*/.test(m[1] as string)) return undefined;
      add(m[1] as string);
    }
    for (const m of text.matchAll(PY_IMPORT)) add(m[1] as string);
  } else {
    for (const m of text.matchAll(JS_IMPORT)) add(m[1] as string);
    for (const m of text.matchAll(JS_REQUIRE)) add(m[1] as string);
  }
  return statements > 0 ? names : undefined;
}
