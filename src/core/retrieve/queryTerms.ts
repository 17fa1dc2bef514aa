/**
 * The terms a query is searched with. Identifier-split like the index (`parseConfig` → `parse config
 * parseconfig`), plus what the index writes differently from how people type it: a hyphenated
 * option (`--ignore-paths`, `skip-magic-trailing-comma`) is the identifier `ignore_paths` in code,
 * so its joined form is a term too. Pasted environment dumps (`show_versions()` output) are left out.
 */
import { termsOf } from '../terms';
import { expandAbbreviations } from './abbreviations';
import { parseQuery } from './query';

/** Distinct terms searched at most; long pasted logs would otherwise drown the prose. */
export const MAX_QUERY_TERMS = 160;

const HYPHENATED = /\b[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z][A-Za-z0-9]*)+\b/g;

export interface QueryTerms {
  /** Every distinct term, in order of first appearance (at most MAX_QUERY_TERMS). */
  all: string[];
  /** Terms of the query's first line (an issue title, a commit subject): the statement of the problem. */
  lead: string[];
  /** Terms of the words written as code (`snake_case`, `camelCase`, dotted names, calls, `backticked`). */
  code: string[];
  /** Abbreviations of the query's words and words of its abbreviations (`representation` ↔ `repr`). */
  expanded: string[];
}

export function queryTermSets(text: string): QueryTerms {
  const prose = withoutQuestionWords(text);
  const firstLine = prose.trim().split('\n', 1)[0] ?? '';
  const body = withoutVersionDumps(prose);
  const all = queryTerms(body);
  return { all, lead: queryTerms(firstLine), code: codeTerms(body), expanded: expandAbbreviations(all) };
}

/**
 * The words of a question that ask rather than describe ("where does …", "how can I …", "what
 * should …"). Code seldom holds them, so BM25 weighs them as rare and strong: "where does ripgrep
 * decide a file is binary" matched test names like `max_filesize_does_not_stat_ignored_file`. Only
 * the bare words of prose go: not inside an identifier (`does_not`, `canMean`), a call, a member
 * access or backticks (`` `where` `` in a question about an SQL builder).
 */
const QUESTION_WORDS =
  /(?<![\w`.$])(?:where|how|what|why|when|which|who|whom|whose|does|do|did|can|could|should|would|shall|may|might|must|we|you|my|our|your|me)(?![\w`($])/gi;

/** The text with its question words (QUESTION_WORDS) blanked. */
export function withoutQuestionWords(text: string): string {
  return text.replace(QUESTION_WORDS, ' ');
}

const BACKTICKED = /`([^`\n]{1,80})`/g;

/** Terms of the query's code-like words: they name code, where plain English words only describe it. */
export function codeTerms(text: string, max = MAX_QUERY_TERMS): string[] {
  const words = [...parseQuery(text).identifiers, ...[...text.matchAll(BACKTICKED)].map((m) => m[1]!)];
  return queryTerms(words.join(' '), max);
}

const KEY_VALUE = /^\s*[\w.()\- ]{1,30}:\s*(.{0,80})$/;
const VERSIONISH = /^(none|unknown|n\/a|v?\d[\w.+\-]*)(\s|$)/i;
/** Consecutive `key: value` lines that make a block a dump, and the share of them with version-like values. */
const DUMP_MIN_LINES = 5;
const DUMP_VERSION_SHARE = 0.5;

/**
 * The text without pasted environment dumps (`show_versions()`, `pip freeze`-style `name: 1.2.3`
 * blocks): every package name in them matches some file (`print_versions.py`, a `setup.py`) and
 * says nothing about the problem. A block is a dump when it has at least DUMP_MIN_LINES `key: value`
 * lines in a row (blank lines and `---` rules allowed) and at least half of the values are versions
 * or `None`; a pasted config, whose values are words and flags, is kept.
 */
export function withoutVersionDumps(text: string): string {
  const lines = text.split(/\r?\n/);
  const keep = lines.map(() => true);
  let start = -1;
  let pairs = 0;
  let versions = 0;
  const close = (end: number) => {
    if (start >= 0 && pairs >= DUMP_MIN_LINES && versions >= pairs * DUMP_VERSION_SHARE) keep.fill(false, start, end);
    start = -1;
    pairs = 0;
    versions = 0;
  };
  lines.forEach((line, i) => {
    const kv = KEY_VALUE.exec(line);
    if (kv) {
      if (start < 0) start = i;
      pairs += 1;
      if (VERSIONISH.test((kv[1] ?? '').trim())) versions += 1;
    } else if (!/^\s*(-{3,}|=+)?\s*$/.test(line)) close(i);
  });
  close(lines.length);
  return lines.filter((_, i) => keep[i]).join('\n');
}

export function queryTerms(text: string, max = MAX_QUERY_TERMS): string[] {
  const joined: string[] = [];
  for (const m of text.matchAll(HYPHENATED)) joined.push(m[0].replace(/-/g, '_'));
  const all = [...termsOf(text), ...termsOf(joined.join(' '))];
  const out: string[] = [];
  const seen = new Set<string>();
  for (const t of all) {
    if (t.length < 2 || seen.has(t)) continue;
    seen.add(t);
    out.push(t);
  }
  return out.slice(0, max);
}
