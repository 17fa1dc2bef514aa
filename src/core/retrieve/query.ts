/**
 * Reads a query (or a code selection) for the evidence it carries beyond its words:
 * identifiers and dotted names (looked up as symbol definitions), file paths and stack-trace frames.
 */
export interface ParsedQuery {
  /** Identifiers that look like code names (camelCase, snake_case, dotted parts, Call()). */
  identifiers: string[];
  /** Dotted names as written: `requests.sessions.Session.send`. */
  dotted: string[];
  /** Path-like strings: `src/_pytest/tmpdir.py`, `tmpdir.py`. */
  paths: string[];
  /** Stack-trace frames: file + line (+ function), in text order. */
  frames: Array<{ path: string; line?: number; fn?: string }>;
  /** Distinct frame paths, innermost frame first (where the error was raised). */
  framePaths: string[];
  /** The frames again, innermost first. */
  innermostFirst: Array<{ path: string; line?: number; fn?: string }>;
}

const PATH_RE = /(?:[A-Za-z0-9_.-]+\/)*[A-Za-z0-9_.-]+\.(?:py|pyi|ts|tsx|js|jsx|mjs|cjs|go|rs|java|kt|kts|c|h|cc|cpp|hpp|cxx|cs|rb|php|sh|bash|swift|scala|md|json|toml|yaml|yml|cfg|ini)\b/g;
const PY_FRAME_RE = /File "([^"]+)", line (\d+)(?:, in ([A-Za-z_][\w.<>]*))?/g;
/**
 * Other Python frame lines (outermost first like the standard format): IPython's
 * `File ~/code/pkg/mod.py:265, in Plot._plot(self)` and `~/env/pkg/mod.py in _lookup(self, key)`,
 * pytest's `/usr/lib/site-packages/_pytest/runner.py:341: in from_call`.
 */
const PY_FRAME_LINE_RE = /^[\s>-]*(?:File\s+)?([^\s"'()<>:]+\.py)(?::(\d+))?[:,]?\s+in\s+([A-Za-z_<][\w.<>]*)/gm;
const JS_FRAME_RE = /at (?:([\w.$<>]+) )?\(?([^\s():]+\.[a-z]+):(\d+)(?::\d+)?\)?/g;
/** A Go frame's file line; module-cache paths carry `@version` (`cobra@v1.9.1/command.go:1019`). */
const GO_FRAME_RE = /^\s*([\w./@!+-]+\.go):(\d+)/gm;
/**
 * PHP: where the exception was thrown (`… in /app/src/Client.php:235`, `thrown in … on line 235`),
 * then the trace's frames innermost first (`#0 /app/src/Handler.php(235): Foo->bar()`, the line
 * that made the call named after it).
 */
const PHP_THROWN_RE = /\bin ([^\s"'()<>]+\.php)(?::(\d+)| on line (\d+))/g;
const PHP_FRAME_RE = /^\s*#\d+ ([^\s"'()<>]+\.php)\((\d+)\)/gm;
/**
 * A location written `path:line` anywhere else (a Rust panic's `src/main.rs:12:10`, a compiler's
 * `src/a.ts:10:5`, a linter's `pkg/mod.py:12:`, a question about `Reader.cs:159`): a frame with no
 * function, placed by its line.
 */
const LOCATION_RE = /(?<![\w./@+-])((?:[\w.@+-]+\/)*[\w.@+-]+\.(?:py|ts|tsx|js|jsx|mjs|cjs|go|rs|java|kt|kts|c|h|cc|cpp|hpp|cs|rb|php|swift|scala)):(\d+)\b/g;
/** JVM: `at com.squareup.javapoet.CodeBlock$Builder.add(CodeBlock.java:302)` (Java, Kotlin, Scala, Groovy). */
const JVM_FRAME_RE = /\bat ((?:[\w$]+\.)+)([\w$<>]+)\(([\w$]+\.(?:java|kt|kts|scala|groovy)):(\d+)\)/g;
/** .NET: `at Newtonsoft.Json.JsonTextReader.Read() in C:\src\JsonTextReader.cs:line 429`. */
const DOTNET_FRAME_RE = /\bat ([\w.`<>]+)\.([\w<>]+)\([^)\n]*\) in (\S+\.(?:cs|fs|vb)):line (\d+)/g;
/** Ruby: `/app/lib/jekyll/site.rb:71:in 'process'`, `` …:in `block in Jekyll::Site#process' ``. */
const RUBY_FRAME_RE = /([^\s:'"`()]+\.(?:rb|rake)):(\d+):in [`']([^'`\n]+)'/g;
const DOTTED_RE = /\b[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)+\b/g;
const IDENT_RE = /\b[A-Za-z_][A-Za-z0-9_]*\b/g;

/** Words that are identifiers only in form. */
const COMMON = new Set([
  'the', 'and', 'for', 'with', 'this', 'that', 'from', 'when', 'not', 'but', 'are', 'was', 'use', 'used', 'using',
  'should', 'would', 'could', 'can', 'has', 'have', 'had', 'its', 'into', 'our', 'your', 'you', 'they', 'there',
  'self', 'cls', 'true', 'false', 'none', 'null', 'undefined', 'return', 'import', 'def', 'class', 'function',
  'const', 'let', 'var', 'new', 'if', 'else', 'elif', 'while', 'try', 'except', 'catch', 'raise', 'throw',
]);

function looksLikeCode(word: string): boolean {
  if (word.length < 3 || COMMON.has(word.toLowerCase())) return false;
  return /[a-z][A-Z]/.test(word) || /[A-Za-z]_[A-Za-z]/.test(word) || /^_/.test(word) || /^[A-Z][a-z]+[A-Z]/.test(word);
}

export function parseQuery(text: string): ParsedQuery {
  // Python prints the innermost frame last ("most recent call last"); JavaScript and Go print it first.
  const pyFrames = [...text.matchAll(PY_FRAME_RE), ...text.matchAll(PY_FRAME_LINE_RE)]
    .sort((a, b) => a.index - b.index)
    .map((m) => ({ path: m[1]!, line: m[2] ? Number(m[2]) : undefined, fn: m[3] }));
  const otherFrames: ParsedQuery['frames'] = [];
  for (const m of text.matchAll(JS_FRAME_RE)) otherFrames.push({ path: m[2]!, line: Number(m[3]), fn: m[1] });
  for (const m of text.matchAll(GO_FRAME_RE)) otherFrames.push({ path: m[1]!, line: Number(m[2]) });
  for (const m of text.matchAll(PHP_THROWN_RE)) otherFrames.push({ path: m[1]!, line: Number(m[2] ?? m[3]) });
  for (const m of text.matchAll(PHP_FRAME_RE)) otherFrames.push({ path: m[1]!, line: Number(m[2]) });
  for (const m of text.matchAll(JVM_FRAME_RE)) otherFrames.push(jvmFrame(m[1]!, m[2]!, m[3]!, Number(m[4])));
  for (const m of withSlashes(text).matchAll(DOTNET_FRAME_RE)) {
    otherFrames.push({ path: m[3]!, line: Number(m[4]), fn: `${m[1]!.split('.').pop()}.${m[2]}` });
  }
  for (const m of text.matchAll(RUBY_FRAME_RE)) {
    const fn = m[3]!.replace(/^(?:rescue in |ensure in |block (?:\(\d+ levels\) )?in )+/, '').replace(/::|#/g, '.');
    otherFrames.push({ path: m[1]!, line: Number(m[2]), ...(/^[\w.?!=]+$/.test(fn) ? { fn } : {}) });
  }
  const placed = new Set([...pyFrames, ...otherFrames].map((f) => `${f.path}:${f.line}`));
  for (const m of withSlashes(text).matchAll(LOCATION_RE)) {
    const key = `${m[1]}:${m[2]}`;
    if (placed.has(key) || [...placed].some((p) => p.endsWith(`/${key}`))) continue;
    placed.add(key);
    otherFrames.push({ path: m[1]!, line: Number(m[2]) });
  }
  const frames = [...pyFrames, ...otherFrames];
  const innermostFirst = [...[...pyFrames].reverse(), ...otherFrames];
  const framePaths = [...new Set(innermostFirst.map((f) => f.path))];

  // Frame paths first: a long traceback must not push them out of the lookup.
  const paths = new Set<string>(framePaths);
  // Windows paths (`C:\\Python38\\lib\\pathlib.py`) are read with `/`, so their folders count as folders.
  for (const m of withSlashes(text).matchAll(PATH_RE)) {
    const p = m[0].replace(/^\.\//, '');
    if (!/^\d/.test(p)) paths.add(p);
  }

  const dotted = new Set<string>();
  for (const m of text.matchAll(DOTTED_RE)) {
    const d = m[0];
    if (paths.has(d) || /\.(py|ts|js|go|rs|md|txt|com|org|io)$/.test(d)) continue;
    dotted.add(d);
  }

  const identifiers = new Set<string>();
  for (const m of text.matchAll(IDENT_RE)) if (looksLikeCode(m[0])) identifiers.add(m[0]);
  for (const d of dotted) for (const part of d.split('.')) if (part.length >= 3 && !COMMON.has(part.toLowerCase())) identifiers.add(part);
  // `foo()` is a call even in lower case.
  for (const m of text.matchAll(/\b([A-Za-z_]\w{2,})\(/g)) if (!COMMON.has(m[1]!.toLowerCase())) identifiers.add(m[1]!);
  for (const f of frames) if (f.fn && !f.fn.startsWith('<')) identifiers.add(f.fn.split('.').pop()!);

  return { identifiers: [...identifiers], dotted: [...dotted], paths: [...paths], frames, framePaths, innermostFirst };
}

/**
 * A JVM frame as a path and function: the package folders before the file name
 * (`com/squareup/javapoet/CodeBlock.java`), the innermost class with the method (`Builder.add` for
 * `CodeBlock$Builder.add`; `CodeBlock.<init>` is the constructor, named after the class).
 */
function jvmFrame(qualifier: string, method: string, file: string, line: number): { path: string; line: number; fn?: string } {
  const parts = qualifier.slice(0, -1).split('.');
  const firstClass = parts.findIndex((p) => /^[A-Z]/.test(p));
  const packages = firstClass < 0 ? parts.slice(0, -1) : parts.slice(0, firstClass);
  const classes = (firstClass < 0 ? parts.slice(-1) : parts.slice(firstClass)).join('$').split('$').filter((c) => c && !/^\d+$/.test(c));
  const owner = classes.at(-1);
  const name = method === '<init>' ? owner : method.startsWith('<') || method.startsWith('lambda$') ? undefined : method;
  return { path: [...packages, file].join('/'), line, ...(owner && name ? { fn: `${owner}.${name}` } : {}) };
}

/** Backslashes between path characters read as `/` (a Windows path's separators). */
function withSlashes(text: string): string {
  return text.replace(/([A-Za-z0-9_.:-])\\(?=[A-Za-z0-9_.-])/g, '$1/');
}

/** Identifiers a code selection uses (calls, types, names), for definition lookup. */
export function identifiersUsedIn(code: string): string[] {
  const seen = new Map<string, number>();
  for (const m of code.matchAll(IDENT_RE)) {
    const w = m[0];
    if (w.length < 3 || COMMON.has(w.toLowerCase())) continue;
    seen.set(w, (seen.get(w) ?? 0) + 1);
  }
  return [...seen.keys()];
}

/** Receivers that mean the object the code runs in: its own class's members. */
export const SELF_RECEIVERS = new Set(['this', 'self', 'cls', 'super', 'static', 'Self', 'parent']);

/**
 * Languages where a bare call (`info()`) can mean a method of the class the code is in (an implicit
 * `this`). Elsewhere (JavaScript, TypeScript, Python, Go, Rust, PHP) a method is reached through
 * a receiver only, so a bare name never means another class's method.
 */
const IMPLICIT_THIS = new Set(['java', 'csharp', 'cpp', 'kotlin', 'ruby', 'swift', 'scala']);

/** How a code selection uses its names (`nameUses`). */
export interface NameUses {
  language: string;
  /**
   * The receivers each name is reached through (`logger.info(…)`, `self.prune()`, `a?.b`,
   * `p->next`, `Type::make`; `''` when the receiver is an expression such as `f().info`). Where a
   * bare call can mean a method (an implicit `this`: Java, C#, C++, Kotlin, Ruby), a name also used
   * bare is not listed: then any of its definitions may be meant.
   */
  receivers: Map<string, Set<string>>;
  /** Names used without a receiver (called, passed, declared). */
  bare: Set<string>;
}

/** How `code` (in `language`) uses each of its names: through which receivers, and whether bare. */
export function nameUses(code: string, language: string): NameUses {
  const receivers = new Map<string, Set<string>>();
  const bare = new Set<string>();
  for (const m of code.matchAll(IDENT_RE)) {
    const name = m[0];
    const receiver = receiverBefore(code, m.index ?? 0);
    const set = receivers.get(name) ?? new Set<string>();
    receivers.set(name, set);
    if (receiver === undefined) bare.add(name);
    else set.add(receiver);
  }
  if (IMPLICIT_THIS.has(language)) for (const name of bare) receivers.delete(name);
  return { language, receivers, bare };
}

/** The index before the bracketed group that ends at `close` (at most 200 characters back), or -1. */
function beforeGroup(code: string, close: number): number {
  const open = code[close] === ')' ? '(' : '[';
  let depth = 0;
  for (let i = close; i >= 0 && i > close - 200; i--) {
    if (code[i] === code[close]) depth++;
    else if (code[i] === open && --depth === 0) return i - 1;
  }
  return -1;
}

/** The receiver of the identifier at `at` when a member operator precedes it, else undefined. */
function receiverBefore(code: string, at: number): string | undefined {
  let i = at - 1;
  // Whitespace, line breaks included: a chain may break after its dot (`obj.\n  method()`).
  while (i >= 0 && /\s/.test(code[i] as string)) i--;
  let op = 0;
  // `?.` (TypeScript, C#, Kotlin) and Ruby's `&.` are member operators as `.` is.
  if (code[i] === '.' && code[i - 1] !== '.') op = code[i - 1] === '?' || code[i - 1] === '&' ? 2 : 1;
  else if ((code[i] === '>' && code[i - 1] === '-') || (code[i] === ':' && code[i - 1] === ':')) op = 2;
  if (op === 0) return undefined;
  i -= op;
  // TypeScript's non-null assertion (`this.payments!.charge`) leaves the receiver as it is.
  while (i >= 0 && (/\s/.test(code[i] as string) || code[i] === '!')) i--;
  if (code.slice(i - 6, i + 1) === 'super()') return 'super'; // Python's super().save()
  // A call or an index stands for what it is called on: `getLogger().info` reads `getLogger`,
  // `this.clients[i].charge` reads `clients` (their words may name the class).
  const called = code[i] === ')';
  if (code[i] === ')' || code[i] === ']') i = beforeGroup(code, i);
  let start = i;
  while (start >= 0 && /[\w$]/.test(code[start] as string)) start--;
  // PHP's `$this->name`: the variable's name without its sigil.
  const receiver = code.slice(start + 1, i + 1).replace(/^\$/, '');
  if (!/^[A-Za-z_$][\w$]*$/.test(receiver)) return '';
  // What a type's own function returns (`MultiLine::new(…).run()`, `Config::default().x`) stands
  // for that type.
  if (called && code[start] === ':' && code[start - 1] === ':') {
    const type = /([A-Z]\w*)$/.exec(code.slice(Math.max(0, start - 81), start - 1));
    if (type && TYPE_NAME.test(type[1] as string)) return type[1];
  }
  return receiver;
}

/** A type's name: capitalised, with a lower-case letter (`MultiLine`, `Url`; not a constant like `MAX`). */
export const TYPE_NAME = /^[A-Z][\w$]*[a-z][\w$]*$/;
