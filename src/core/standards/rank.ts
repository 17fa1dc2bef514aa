/**
 * Picking the standards for a prompt. Candidates are the rules whose scope matches the file (all
 * rules when no path is given). Always-apply candidates come first, all of them (but rules about
 * process that share no word with the code or question), most relevant first; then up to `k` other candidates ranked by BM25 between the code/question and the rule
 * (title and heading path count twice). A rule with a specific scope that matches the file gets a
 * small bonus, so it is chosen — after every lexically relevant rule — even when it shares no word
 * with the code. Rules with no overlap and no specific scope are not returned, unless the caller
 * asks for every applicable rule while they are few (a review).
 *
 * Sections of a general contributors' document (CONTRIBUTING.md, AGENTS.md) must score at least half
 * the best of them: long prose sections share a word or two with any question or selection (vite's
 * CONTRIBUTING.md gave eight sections — debugging, test set-up, `git blame` — to a review of
 * `loadEnv`, and to the question "load env files for mode"). Ranked for code (`query.code`: a
 * review, a chat selection, a completion), rules about process (pull requests, commit messages,
 * releases, setting up) are left out and a general document gives at most two sections.
 */
import { singular, termsOf } from '../terms';
import { scopeMatcher } from './scope';
import type { Standard } from './types';

export interface StandardsQuery {
  /** Workspace-relative path of the file under review or in the question, if any. */
  path?: string;
  /** The code or the question. */
  text: string;
  /**
   * The text is code (a review, a selection in chat, the code around a completion): rules about
   * process are left out and a general document gives at most two sections.
   */
  code?: boolean;
}

export interface RankedStandard {
  standard: Standard;
  score: number;
}

/**
 * Documents that hold rules among other things (how to set up, test, release): their sections go to
 * a prompt only when relevant, even in a review.
 */
const GENERAL_DOCUMENT = /(^|\/)(contributing|agents)\.(md|markdown)$/i;

/**
 * A rule's own title that is about how to contribute rather than about code (code leaves it
 * out). Phrases, not single words: "Release resources in finally blocks", "Test setup and
 * teardown" and "Clone objects before mutating them" are rules about code.
 */
const PROCESS_TITLE =
  /\b(pull requests?|prs?|commit messages?|commit conventions?|changelogs?|release (process|notes|workflow|checklist)|releasing|how to release|prepar(e|ing) (a |the )?release|triag(e|ing)|issue (reports?|templates?|triage)|reporting (bugs|issues)|code of conduct|(repo|repository|project|local|dev|development) set ?up|setting up|getting started|installation|cloning (the |a )?repo(sitory)?|translation contributions?|docs translation|git blame|sign(ing)?[- ]off|contributor license agreement|bug reports?|submitting (a |an |your )?(bug|issue|patch|pull request|pr|change)|filing (a |an )?(bug|issue)|feature requests?|discuss(ion)? and update|(commit )?squash(ing)?|security (policy|disclosures?|vulnerabilit(y|ies))|getting help|asking (for help|questions))\b|^\s*(releases?|release and publish|review and publish|conduct|questions|support|help)\s*$/i;
/**
 * A rule about how to contribute rather than about code: its title says so (PROCESS_TITLE), or it
 * is a section of a general document titled as a question — the contributors' guide's "Found a
 * bug?", "Have a patch?", "Want to write docs?" (Sinatra), "Missing a Feature?" (Angular). Sinatra's
 * two sections had reached a review of `route!` through one word, "process" (`process_route`).
 */
function aboutProcess(standard: Standard): boolean {
  return PROCESS_TITLE.test(standard.title) || (isGeneralSection(standard) && /\?\s*$/.test(standard.title));
}

/** Sections of general documents code takes at most, and their least score against the best. */
const GENERAL_FOR_CODE = 2;
const GENERAL_RELATIVE_FLOOR = 0.5;

const K1 = 1.2;
const B = 0.75;
const SCOPE_BONUS = 0.1;

const STOPWORDS = new Set(
  ('a an and are as at be but by do does for from has have if in into is it its not of on or so such that the their ' +
    'then there these this those to was were will with you your we our use used using should must can may ' +
    'about after again all also any because been before being between both could did doesn don each few ' +
    'here how i just me more most my no nor now once only other out over own same some than too under until ' +
    'very what when where which while who why would yet isn aren wasn won re ll ve etc via ' +
    'const let var function return import export default new true false null undefined void this self def ' +
    'class public private protected static string number boolean int str').split(' '),
);

/** Terms for matching: identifier-split, stop words dropped, plural `s` folded. */
export function matchTerms(text: string): string[] {
  const out: string[] = [];
  for (const term of termsOf(text)) {
    if (term.length < 2 || STOPWORDS.has(term) || /^[0-9]+$/.test(term)) continue;
    out.push(singular(term));
  }
  return out;
}

function ruleTerms(std: Standard): string[] {
  const heading = [...std.headingPath, std.title].join(' ');
  return [...matchTerms(heading), ...matchTerms(heading), ...matchTerms(`${std.description ?? ''} ${std.text}`)];
}

/** `src/db/users.test.ts` → `users.test`: the file's name without folders and extension. */
function fileStem(path: string | undefined): string {
  return (path ?? '').replace(/^.*\//, '').replace(/\.[^.]*$/, '');
}

function isSpecific(scope: readonly string[]): boolean {
  return scope.some((g) => !['**', '**/*', '*', ''].includes(g.trim()));
}

/** A section of a general document (CONTRIBUTING.md, AGENTS.md) that its front matter does not aim at some files. */
function isGeneralSection(standard: Standard): boolean {
  return GENERAL_DOCUMENT.test(standard.source) && !isSpecific(standard.scope);
}

/**
 * The standards to put in a prompt for `query`, always-apply ones first. `allWhenFew` (a review):
 * when at most `k` rules of dedicated rules files apply besides the always-apply ones, all of them,
 * the ones sharing no word last (in file order); sections of CONTRIBUTING.md or AGENTS.md still
 * need a word in common.
 */
export function rankStandards(standards: readonly Standard[], query: StandardsQuery, k: number, allWhenFew = false): RankedStandard[] {
  const candidates = standards.filter(
    (s) => (query.path === undefined || scopeMatcher(s.scope)(query.path)) && !(query.code && aboutProcess(s)),
  );
  if (candidates.length === 0) return [];
  const docs = candidates.map((s) => countTerms(ruleTerms(s)));
  const lengths = docs.map((d) => d.length);
  const avgLength = lengths.reduce((a, b) => a + b, 0) / docs.length || 1;
  const df = new Map<string, number>();
  for (const d of docs) for (const term of d.counts.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  // The file's own name is a word of the question (`env.ts`: rules about env); its folders are not:
  // `packages/vite/src/node` shares "vite" and "node" with half of a project's contributors' guide.
  const queryTerms = new Set(matchTerms(`${query.text} ${fileStem(query.path)}`));
  const scored = candidates.map((standard, i) => {
    const doc = docs[i] as TermCounts;
    let score = 0;
    for (const term of queryTerms) {
      const tf = doc.counts.get(term) ?? 0;
      if (tf === 0) continue;
      const n = df.get(term) ?? 0;
      const idf = Math.log(1 + (docs.length - n + 0.5) / (n + 0.5));
      score += (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * doc.length) / avgLength));
    }
    if (query.path !== undefined && isSpecific(standard.scope)) score += SCOPE_BONUS;
    return { standard, score, order: i };
  });
  const byScore = (a: (typeof scored)[number], b: (typeof scored)[number]) => b.score - a.score || a.order - b.order;
  // Always-apply is a scope, not relevance: a rule about process (PR titles, commit messages) goes
  // with every question only when the question shares a word with it.
  const always = scored.filter((s) => s.standard.alwaysApply && (s.score > 0 || !PROCESS_TITLE.test(s.standard.title))).sort(byScore);
  const others = scored.filter((s) => !s.standard.alwaysApply);
  // Rules written as rules (not the sections of a general contributors' document) while they are few.
  const dedicated = others.filter((s) => !isGeneralSection(s.standard));
  const whole = allWhenFew && dedicated.length <= k ? new Set(dedicated) : new Set<(typeof others)[number]>();
  const general = generalSections(others, query.code ? GENERAL_FOR_CODE : Infinity);
  const ranked = others
    .filter((s) => (isGeneralSection(s.standard) ? general.has(s) : s.score > 0 || whole.has(s)))
    .sort(byScore)
    .slice(0, Math.max(0, k));
  return [...always, ...ranked].map(({ standard, score }) => ({ standard, score }));
}

/** The general documents' sections a prompt takes: those sharing a word within half the best score, `most` at most. */
function generalSections<T extends { standard: Standard; score: number; order: number }>(others: readonly T[], most: number): Set<T> {
  const general = others
    .filter((s) => isGeneralSection(s.standard) && s.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order);
  const best = general[0]?.score ?? 0;
  return new Set(general.filter((s) => s.score >= best * GENERAL_RELATIVE_FLOOR).slice(0, most));
}

interface TermCounts {
  counts: Map<string, number>;
  length: number;
}

function countTerms(terms: string[]): TermCounts {
  const counts = new Map<string, number>();
  for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  return { counts, length: terms.length };
}
