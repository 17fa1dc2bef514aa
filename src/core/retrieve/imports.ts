/**
 * The names a source file brings into scope with import statements, for the module languages
 * where a name defined in another file can be used bare only once imported (JavaScript,
 * TypeScript and the scripts of Vue and Svelte components, Python, Rust). Read with regular expressions over the file's text: a word too many
 * only keeps a definition that could have been dropped.
 */

const MODULE_LANGUAGES = new Set(['javascript', 'typescript', 'tsx', 'python', 'rust', 'vue', 'svelte']);

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
  if (language === 'rust') {
    const code = text.replace(RUST_COMMENT, '$1');
    for (const m of code.matchAll(RUST_USE)) {
      const leaves = rustUseNames(m[2] as string);
      // A glob at the file's top level (`use crate::prelude::*;`) brings in names no one listed;
      // an indented one is an inline module's (`mod tests { use super::*; }`: this file's own names).
      if (leaves === undefined) {
        if ((m[1] as string).length === 0) return undefined;
        continue;
      }
      statements += 1;
      for (const leaf of leaves) names.add(leaf);
    }
  } else if (language === 'python') {
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

/** A `use` declaration (after any `pub`/`pub(crate)`), its indentation and its tree up to the `;`. */
const RUST_USE = /^([ \t]*)(?:pub(?:\([\w: ]{1,40}\))?[ \t]+)?use[ \t]+([^;]{1,4000});/gm;
const RUST_COMMENT = /(^|\s)(?:\/\/[^\n]*|\/\*[\s\S]{0,20000}?\*\/)/g;
/** Crates whose names are never the workspace's: `use std::fs::File` means the standard `File`. */
const RUST_STANDARD = new Set(['std', 'core', 'alloc']);

/**
 * The names a Rust `use` tree brings into scope (`std::{fs::File, io::{self, Read}}` →
 * nothing: all standard; `crate::{line_buffer::{self, LineBuffer}, sink::Sink as S}` →
 * `line_buffer`, `LineBuffer`, `S`), or undefined for a glob (`*`).
 */
export function rustUseNames(tree: string): string[] | undefined {
  const out: string[] = [];
  let glob = false;
  const walk = (part: string, prefix: readonly string[]) => {
    const brace = part.indexOf('{');
    if (brace >= 0) {
      const head = [...prefix, ...part.slice(0, brace).split('::').map((x) => x.trim()).filter(Boolean)];
      const inner = part.slice(brace + 1, part.lastIndexOf('}'));
      for (const item of splitTopLevel(inner)) walk(item, head);
      return;
    }
    const [pathText = '', alias] = part.split(/\s+as\s+/);
    const path = [...prefix, ...pathText.split('::').map((x) => x.trim()).filter(Boolean)];
    const last = path[path.length - 1];
    if (last === undefined) return;
    if (last === '*') {
      if (!RUST_STANDARD.has(path[0] ?? '')) glob = true;
      return;
    }
    if (RUST_STANDARD.has(path[0] ?? '')) return;
    const name = alias?.trim() || (last === 'self' ? path[path.length - 2] : last);
    if (name && name !== '_' && /^[A-Za-z_]\w*$/.test(name)) out.push(name);
  };
  walk(tree.replace(/^\s*::/, ''), []);
  return glob ? undefined : out;
}

/** `a, b::{c, d}, e` split at the commas outside braces. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}
