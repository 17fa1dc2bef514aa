/**
 * The terms a query is searched with. Identifier-split like the index (`parseConfig` → `parse config
 * parseconfig`), plus what the index writes differently from how people type it: a hyphenated
 * option (`--ignore-paths`, `skip-magic-trailing-comma`) is the identifier `ignore_paths` in code,
 * so its joined form is a term too.
 */
import { termsOf } from '../terms';

/** Distinct terms searched at most; long pasted logs would otherwise drown the prose. */
export const MAX_QUERY_TERMS = 160;

const HYPHENATED = /\b[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z][A-Za-z0-9]*)+\b/g;

export interface QueryTerms {
  /** Every distinct term, in order of first appearance (at most MAX_QUERY_TERMS). */
  all: string[];
  /** Terms of the query's first line (an issue title, a commit subject): the statement of the problem. */
  lead: string[];
}

export function queryTermSets(text: string): QueryTerms {
  const firstLine = text.trim().split('\n', 1)[0] ?? '';
  return { all: queryTerms(text), lead: queryTerms(firstLine) };
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
