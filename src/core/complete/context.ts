/**
 * Repository context for a completion, assembled at keystroke speed from one folder's index:
 * definitions of the symbols used near the cursor (in-memory symbol view + one `take` for their
 * text), code similar to the function being written (BM25 over the chunks), and the few standards
 * that apply to the file (short). Parts run in parallel; whatever misses the deadline is left out.
 */
import { errorMessage, isAbortError, throwIfAborted } from '../errors';
import type { IndexStore } from '../index/store';
import type { Logger } from '../log';
import { languageForPath } from '../parse/languages';
import { importedNames } from '../retrieve/imports';
import { canMean, type UseSite } from '../retrieve/meaning';
import { nameUses } from '../retrieve/query';
import { StandardsCatalog } from '../retrieve/standardsCatalog';
import { searchText, termsOf } from '../terms';
import { codeNearEnd } from './lexical';
import { chunkHolding, IndexSnapshot, type IndexView } from './snapshot';
import type { CompletionContextSource, ContextQuery, ContextSnippet } from './types';

export interface IndexContextOptions {
  /**
   * Parts not done by then are left out (ms). Default 50: in a real extension host (code-server,
   * black's tree) a first completion's parts took 25–43 ms even with the context loaded ahead — the
   * host's event loop is busy with the keystroke — and 12–14 ms once warm on that code; a 15 ms
   * deadline left most first completions without any context. The debounce before it is 200 ms.
   */
  deadlineMs?: number;
  maxDefinitions?: number;
  maxSimilar?: number;
  maxStandards?: number;
}

const KEYWORDS = new Set(
  ('abstract and async await boolean break case catch class const continue def default del delete do elif else enum export ' +
    'extends false final finally for from func function go if impl implements import in instanceof interface is lambda let ' +
    'match mod module mut new nil none not null number object of or package pass private protected pub public raise readonly ' +
    'return self static string struct super switch this throw throws true try type typeof undefined use var void while with yield ' +
    'int str bool float char long double unsigned sizeof print len range list dict set map any unknown never ' +
    // JavaScript's globals: `process.env` names no workspace function called process
    'process console window document globalthis require exports json math reflect proxy buffer').split(' '),
);
const DEFINITION_LINES = 14;
const STANDARD_CHARS = 220;
const NEAR_CHARS = 1500;
const DEFAULT_DEADLINE_MS = 50;
/** Late parts kept for the next completion (three parts of the last few lines). */
const LATE_PARTS = 12;
const IMPORTS_CHARS = 20_000;
const SIMILAR_TERMS = 12;

export class IndexContextSource implements CompletionContextSource {
  private readonly snapshot: IndexSnapshot;
  private readonly standards: StandardsCatalog;
  private standardsVersion = -1;
  /** Parts that missed their deadline, by part and line, still running or done (`withDeadline`). */
  private readonly late = new Map<string, Promise<ContextSnippet[]>>();

  constructor(
    private readonly store: IndexStore,
    private readonly logger: Logger,
    private readonly options: IndexContextOptions = {},
  ) {
    this.snapshot = new IndexSnapshot(store, logger);
    this.standards = new StandardsCatalog(store);
  }

  /**
   * Loads what a first completion would otherwise wait for past its deadline: the in-memory symbol
   * view (completions before it go without definitions), then one gathering of each part for a
   * chunk of the index as if the cursor were in it — the standards are read, the chunks' full-text
   * index and row lookups run once, and their code paths are compiled. Found in a code-server tour on
   * black: the first completion after opening a file went without any context (each part 17–22 ms
   * cold, against the 15 ms deadline; 4–6 ms warm).
   */
  async warm(): Promise<void> {
    await this.snapshot.refresh();
    const view = this.snapshot.current();
    const [sample] = (await this.store.chunks.query().where("kind = 'function'").select(['path', 'text', 'start_line']).limit(1).toArray().catch(() => [])) as Array<{
      path: string; text: string; start_line: number;
    }>;
    if (!sample) return;
    const q: ContextQuery = { path: sample.path, language: languageForPath(sample.path) ?? '', prefix: sample.text, suffix: '', line: sample.start_line, budgetTokens: 1000 };
    const quietly = (part: string) => (err: unknown) => this.failed(part, err);
    await Promise.all([
      view ? this.definitions(view, q).catch(quietly('definitions')) : undefined,
      this.similar(q).catch(quietly('similar code')),
      this.applicableStandards(q).catch(quietly('standards')),
    ]);
  }

  async gather(query: ContextQuery): Promise<ContextSnippet[]> {
    throwIfAborted(query.signal);
    const deadline = this.options.deadlineMs ?? DEFAULT_DEADLINE_MS;
    const view = this.snapshot.current();
    const at = `${query.path}\0${query.line}`;
    const [definitions, similar, standards] = await Promise.all([
      this.withDeadline('definitions', at, () => (view ? this.definitions(view, query) : Promise.resolve([])), deadline),
      this.withDeadline('similar code', at, () => this.similar(query), deadline),
      this.withDeadline('standards', at, () => this.applicableStandards(query), deadline),
    ]);
    throwIfAborted(query.signal);
    const seen = new Set(definitions.map((d) => d.label));
    return packSnippets([...definitions, ...similar.filter((s) => !seen.has(s.label)), ...standards], query.budgetTokens);
  }

  /**
   * A part's result if it comes within `ms`, else nothing. A part that misses its deadline runs on
   * and is kept for the next completion on the same line (the next keystroke): in a busy extension
   * host a first completion's parts took 80–360 ms on vite's tree (logged from the host), and each
   * later request would have started them afresh and missed again.
   */
  private async withDeadline(part: string, at: string, work: () => Promise<ContextSnippet[]>, ms: number): Promise<ContextSnippet[]> {
    const key = `${part}\0${at}`;
    const kept = this.late.get(key);
    const running = kept ?? work().catch((err: unknown) => this.failed(part, err));
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<ContextSnippet[] | undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
    try {
      const result = await Promise.race([running, deadline]);
      if (result !== undefined) {
        this.late.delete(key);
        return result;
      }
      if (!kept) {
        this.late.set(key, running);
        while (this.late.size > LATE_PARTS) this.late.delete(this.late.keys().next().value as string);
      }
      return [];
    } finally {
      clearTimeout(timer);
    }
  }

  private failed(part: string, err: unknown): ContextSnippet[] {
    if (!isAbortError(err)) this.logger.debug(`completion context: ${part} skipped: ${errorMessage(err)}`);
    return [];
  }

  /** Reloads the symbol view if the index changed since it was read (cheap when it did not). */
  refresh(): Promise<void> {
    return this.snapshot.refresh();
  }

  private async definitions(view: IndexView, q: ContextQuery, retry = true): Promise<ContextSnippet[]> {
    const max = this.options.maxDefinitions ?? 4;
    if (max === 0) return [];
    const windowStart = q.line - countLines(q.prefix);
    const windowEnd = q.line + countLines(q.suffix);
    const picked: Array<{ path: string; rowId: bigint }> = [];
    const seen = new Set<bigint>();
    const near = codeNearCursor(q.prefix, q.suffix, q.language);
    const names = namesNearCursor(near);
    // Only definitions the code near the cursor can mean (`canMean`: `logger.info` → Logger.info, not
    // any other class's info; a class the file imports may own the method; `utils.format` a function
    // of a module it imports, `Object.entries` none). Imports do not narrow bare names here: code
    // being written calls what it has not imported yet.
    const language = languageForPath(q.path) ?? '';
    const imported = importedNames(documentTop(q.prefix, q.suffix), language);
    const site: UseSite = {
      uses: nameUses(near.before + near.after, language),
      imported,
      bareNotImported: true,
      mentioned: new Set([...names, ...(imported ?? [])]),
      definitions: (name) => view.definitions.get(name)?.length ?? 0,
      path: q.path,
    };
    for (const name of names) {
      const places = view.definitions.get(name);
      if (!places || places.length > 8) continue; // unknown, or defined everywhere: says little
      const place = [...places]
        .filter((p) => !(p.path === q.path && p.line >= windowStart && p.line <= windowEnd)) // already in the prompt
        .filter((p) => p.path === q.path || canMean({ name, container: p.container, path: p.path }, site))
        .sort((a, b) => closeness(b.path, q.path) - closeness(a.path, q.path))[0];
      const chunk = place && chunkHolding(view, place.path, place.line);
      if (!chunk || seen.has(chunk.rowId)) continue;
      seen.add(chunk.rowId);
      picked.push({ path: place.path, rowId: chunk.rowId });
      if (picked.length >= max) break;
    }
    if (picked.length === 0) return [];
    throwIfAborted(q.signal);
    const rows = (await this.store.chunks
      .takeRowIds(picked.map((p) => p.rowId))
      .select(['path', 'start_line', 'end_line', 'text'])
      .toArray()) as Array<{ path: string; start_line: number; end_line: number; text: string }>;
    const paths = new Set(picked.map((p) => p.path));
    const rank = new Map(picked.map((p, i) => [p.path, i]));
    // A compaction moved rows since the view was built: drop strays, and when none was found, read
    // the view again (the index changed: a saved file was written) and look once more.
    const found = rows.filter((r) => paths.has(r.path));
    if (found.length === 0 && retry) {
      await this.snapshot.refresh();
      const fresh = this.snapshot.current();
      return fresh && fresh.versions !== view.versions ? this.definitions(fresh, q, false) : [];
    }
    return found
      .sort((a, b) => rank.get(a.path)! - rank.get(b.path)!)
      .map((r) => ({ kind: 'definition' as const, label: `${r.path}:${r.start_line}-${r.end_line}`, path: r.path, text: headLines(r.text, DEFINITION_LINES) }));
  }

  private async similar(q: ContextQuery): Promise<ContextSnippet[]> {
    const max = this.options.maxSimilar ?? 1;
    if (max === 0) return [];
    // The last lines of the function being written; the rarest-looking terms (long ones) carry the
    // match, and a dozen of them over one column keep BM25 within a few milliseconds at 100k chunks.
    const recent = q.prefix.split('\n').slice(-8).join('\n') + lineRest(q.suffix);
    const terms = [...new Set(termsOf(recent).filter((t) => t.length > 2 && !KEYWORDS.has(t)))]
      .sort((a, b) => b.length - a.length)
      .slice(0, SIMILAR_TERMS);
    if (terms.length < 2) return [];
    const rows = (await this.store.chunks
      .query()
      .fullTextSearch(searchText(terms), { columns: 'terms' })
      .select(['path', 'start_line', 'end_line', 'text', 'kind', '_score'])
      .limit(max + 4)
      .toArray()) as Array<{ path: string; start_line: number; end_line: number; text: string; kind: string }>;
    return rows
      .filter((r) => r.path !== q.path && r.kind !== 'module' && r.kind !== 'section')
      .slice(0, max)
      .map((r) => ({ kind: 'similar' as const, label: `${r.path}:${r.start_line}-${r.end_line}`, path: r.path, text: headLines(r.text, 30) }));
  }

  /** The standards catalog, dropped when the standards table has changed since it was read. */
  private async currentStandards(): Promise<StandardsCatalog> {
    const version = await this.store.standards.version();
    if (version !== this.standardsVersion) {
      this.standards.invalidate();
      this.standardsVersion = version;
    }
    return this.standards;
  }

  private async applicableStandards(q: ContextQuery): Promise<ContextSnippet[]> {
    const max = this.options.maxStandards ?? 2;
    if (max === 0) return [];
    const near = q.prefix.slice(-NEAR_CHARS) + q.suffix.slice(0, 300);
    const rules = await (await this.currentStandards()).relevant(q.path, near, max, { code: true });
    if (rules.length === 0) return [];
    const text = rules.slice(0, max).map((r) => `- ${r.title}: ${shorten(r.text.replace(/\s+/g, ' ').trim(), STANDARD_CHARS)}`).join('\n');
    return [{ kind: 'standards', label: 'coding standards', text }];
  }
}

/** The start of the document, where its imports are. */
function documentTop(prefix: string, suffix: string): string {
  return prefix.length >= IMPORTS_CHARS ? prefix.slice(0, IMPORTS_CHARS) : prefix + suffix.slice(0, IMPORTS_CHARS - prefix.length);
}

/** The code around the cursor that names are read from, its comments and strings blanked. */
function codeNearCursor(prefix: string, suffix: string, language: string): { before: string; after: string } {
  return { before: codeNearEnd(prefix, language, NEAR_CHARS), after: codeNearEnd(suffix.slice(0, 300), language, 300) };
}

/** Identifiers around the cursor, nearest first, keywords and short names left out. */
function namesNearCursor({ before, after }: { before: string; after: string }): string[] {
  const scored = new Map<string, number>();
  const add = (name: string, distance: number) => {
    if (name.length < 3 || KEYWORDS.has(name.toLowerCase()) || /^\d/.test(name)) return;
    const prev = scored.get(name);
    if (prev === undefined || distance < prev) scored.set(name, distance);
  };
  for (const m of before.matchAll(/[A-Za-z_$][\w$]*/g)) add(m[0], before.length - m.index);
  for (const m of after.matchAll(/[A-Za-z_$][\w$]*/g)) add(m[0], m.index * 2 + 1);
  return [...scored.entries()].sort((a, b) => a[1] - b[1]).map(([name]) => name).slice(0, 40);
}

/** Shared leading directories: a definition next door beats one across the tree. */
function closeness(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function lineRest(suffix: string): string {
  const nl = suffix.indexOf('\n');
  return nl < 0 ? suffix : suffix.slice(0, nl);
}

function headLines(text: string, max: number): string {
  const lines = text.split('\n');
  return lines.length <= max ? text : `${lines.slice(0, max).join('\n')}\n…`;
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Keeps snippets in order while they fit the budget (~4 characters per token). */
export function packSnippets(snippets: readonly ContextSnippet[], budgetTokens: number): ContextSnippet[] {
  let left = budgetTokens;
  const out: ContextSnippet[] = [];
  for (const s of snippets) {
    const cost = Math.ceil((s.text.length + s.label.length) / 4) + 4;
    if (cost > left) continue;
    out.push(s);
    left -= cost;
  }
  return out;
}
