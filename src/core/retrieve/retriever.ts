/**
 * Hybrid retrieval over the index: lexical (BM25 over identifier-split terms, path and symbol
 * weighted), structural (definitions of the identifiers, paths and stack frames a query or a
 * selection names), and dense vectors when an embedder is configured; fused with RRF, floored,
 * and packed into a token budget.
 */
import type { Config } from '../config';
import { errorMessage, throwIfAborted } from '../errors';
import type { Logger } from '../log';
import { LIMITS } from '../parse/lines';
import { lightStem } from '../terms';
import type { IndexStore } from '../index/store';
import { contentTerms, coverageOf, coverageShares, filesByCoverage } from './coverage';
import { chunkPrior, kindIntent, kindPrior, rememberedFileKind, type FileKind } from './fileKind';
import { reciprocalRankFusion, type RankedList } from './fusion';
import { chunkSearch, fileSearch, type ChunkHit } from './lexical';
import { literalMatches, queryShingles } from './literal';
import { packChunks } from './pack';
import { pathOnlyPreamble } from './preamble';
import { identifiersUsedIn, parseQuery } from './query';
import { queryTermSets } from './queryTerms';
import { lexicalFirst, rankFiles, rankFunctions, withCoverage, withNameMatch } from './ranking';
import { StandardsCatalog } from './standardsCatalog';
import { callerChunks, definitionChunks, enclosingChunks, frameChunks, locateFrames, pathChunks } from './structural';
import { testedFiles } from './tested';
import type { RetrievalResult, RetrieveRequest, RetrievedChunk, RetrievedStandard, Retriever } from './types';

/** Nearest neighbours taken from the vector list: each costs a lookup back into the chunks table. */
const VECTOR_LIMIT = 50;
/** Weight of the chunks a stack trace's frames sit in (innermost first). */
const FRAME_WEIGHT = 1;
/**
 * Weight of the chunks that use what a selection defines. As the definitions the selection uses
 * (weight 1): both are the code a change to the selection meets. Not measured on the eval sets
 * (their queries have no selection).
 */
const CALLER_WEIGHT = 1;
/** Weight of the chunks that hold the query's words in sequence (a quoted message: `literal.ts`). */
const LITERAL_WEIGHT = 1;
/**
 * Weight of the question's own full-text list when it comes with a selection (a chat question
 * about selected code). The main lexical list searches the question and the selection's text
 * together, where a 50-line selection's words drown a ten-word question: asked "where does a magic
 * trailing comma force a split?" with black's `delimiter_split` selected, none of the top 20 chunks
 * was about trailing commas. Twice a list's weight, as the enclosing chunk: what the user asked.
 */
const QUESTION_WEIGHT = 2;
/**
 * Words by which a question about selected code talks about the selection itself ("what does this
 * function do?", "explain this code", "where is it called?"): a question with no other content
 * word has nothing of its own to search for (its words would only find `do_transform`).
 */
const ABOUT_THE_SELECTION = new Set(
  ['function', 'method', 'class', 'code', 'file', 'line', 'variable', 'snippet', 'select', 'selection', 'explain', 'work', 'mean',
   'fix', 'bug', 'improve', 'refactor', 'wrong', 'better', 'happen', 'purpose', 'call', 'change', 'test', 'review'].map(lightStem),
);

export type { ChunkHit } from './lexical';
type Row = ChunkHit;

/** Optional dense search, provided by the embed layer when an embedding model is configured. */
export interface VectorSearch {
  search(query: string, limit: number, signal?: AbortSignal): Promise<Row[]>;
}

export interface RetrieverDeps {
  store: IndexStore;
  config: Config;
  logger: Logger;
  vectors?: VectorSearch;
}

export function createRetriever(deps: RetrieverDeps): Retriever & { invalidate(): void } {
  const standards = new StandardsCatalog(deps.store);
  const kindOf = rememberedFileKind();
  return {
    retrieve: (request) => retrieve(deps, standards, kindOf, request),
    invalidate: () => standards.invalidate(),
  };
}

async function retrieve(deps: RetrieverDeps, catalog: StandardsCatalog, kindOf: (path: string) => FileKind, req: RetrieveRequest): Promise<RetrievalResult> {
  const { store, config } = deps;
  const signal = req.signal;
  const k = req.k ?? 20;
  const queryText = [req.query ?? '', req.selection?.text ?? ''].join('\n').trim();
  const parsed = parseQuery(req.query ?? '');
  const terms = queryTermSets(queryText);
  const names = [...parsed.identifiers, ...(req.selection ? identifiersUsedIn(req.selection.text) : [])];

  // The dense list (an embedding request, then a nearest-neighbour search) runs beside the others.
  const dense = deps.vectors && queryText ? vectorList(deps, queryText, signal) : Promise.resolve(undefined);
  const asksOwnWords = req.selection && req.query && contentTerms(req.query).some((t) => !ABOUT_THE_SELECTION.has(t));
  const question = asksOwnWords ? queryTermSets(req.query as string) : undefined;
  const [lexical, fileLexical, definitions, namedChunks, vectorHits, enclosing, callers, asked] = await Promise.all([
    chunkSearch(store, terms, signal),
    fileSearch(store, terms, signal),
    definitionChunks(store, [...new Set(names)], signal, req.selection),
    pathChunks(store, parsed.paths, signal),
    dense,
    req.selection ? enclosingChunks(store, req.selection) : undefined,
    req.selection ? callerChunks(store, req.selection, signal) : undefined,
    question ? chunkSearch(store, question, signal) : undefined,
  ]);
  const mentioned = inLexicalOrder(namedChunks.chunks, lexical);
  // The functions a stack trace passes through, innermost first: where the error was raised and who called it.
  const located = locateFrames(parsed.innermostFirst, namedChunks.resolved, definitions);
  const frames = frameChunks(parsed.innermostFirst, located, [...namedChunks.chunks, ...definitions]).filter((r) => kindOf(r.path) === 'code');
  const lists: Array<RankedList<Row>> = [
    { name: 'lexical', items: lexical, weight: 1 },
    { name: 'definition', items: lexicalFirst(definitions, lexical), weight: 1 },
    { name: 'path', items: mentioned, weight: 0.8 },
    { name: 'frame', items: frames, weight: FRAME_WEIGHT },
    { name: 'literal', items: literalMatches([...lexical, ...definitions, ...mentioned], queryShingles(req.query ?? '')), weight: LITERAL_WEIGHT },
  ];
  if (vectorHits) lists.push({ name: 'vector', items: vectorHits, weight: 1 });
  throwIfAborted(signal);

  if (enclosing) lists.push({ name: 'enclosing', items: enclosing, weight: 2 });
  // Who uses what the selection defines: the call sites a change to it can break.
  if (callers) lists.push({ name: 'caller', items: callers.chunks, weight: CALLER_WEIGHT });
  if (asked) lists.push({ name: 'question', items: asked, weight: QUESTION_WEIGHT });

  // Files the query names (or the selection sits in) are exempt from the kind prior.
  // Stack-frame files first, innermost frame first (where the error was raised), then the other named files.
  const frameFiles = parsed.framePaths.flatMap((p) => located.get(p) ?? []);
  const named = [...new Set([...frameFiles, ...mentioned.map((r) => r.path), ...(req.selection ? [req.selection.path] : [])])];
  // A named file is exempt from the kind prior when it is code or named with its folder: a bare
  // `pyproject.toml` or `setup.cfg` in an issue is usually the reporter's own file, not the repository's.
  const exempt = new Set(
    named.filter((p) => kindOf(p) === 'code' || p === req.selection?.path || namedWithFolder(p, parsed.paths, namedChunks.resolved)),
  );
  const intent = kindIntent(req.query ?? '');
  const prior = (path: string) => (exempt.has(path) ? 1 : kindPrior(kindOf(path), intent));
  const testPrior = kindPrior('test', intent);

  // The prior orders; the floor is on evidence (the score before the prior), so a changelog that
  // matches well is ranked below code but not dropped.
  let fused = reciprocalRankFusion(lists, (r) => r.id)
    .map((f) => ({ ...f, score: f.score * chunkPrior(f.item, prior, kindOf, testPrior), evidence: f.score }))
    .sort((a, b) => b.score - a.score);
  if (req.selection) {
    // The selection itself is in the prompt already: drop chunks that lie inside it.
    const sel = req.selection;
    fused = fused.filter(({ item }) => !(item.path === sel.path && item.start_line >= sel.startLine && item.end_line <= sel.endLine));
  }
  const floorRatio = config.retrieval.relevanceFloor;
  const kept = aboveFloor(fused, floorRatio);

  const queryWords = contentTerms(queryText);
  // Listed and packed, not ranked: a preamble found by its path alone still counts for its file.
  const shown = fewNamesakes(kept).filter(({ item }) => !pathOnlyPreamble(item, queryWords));
  const chunks: RetrievedChunk[] = shown.slice(0, Math.max(k * 3, 60)).map(({ item, score, lists: why }) => ({
    id: item.id,
    path: item.path,
    language: item.language,
    kind: item.kind as RetrievedChunk['kind'],
    symbol: item.symbol,
    startLine: item.start_line,
    endLine: item.end_line,
    text: item.text,
    score,
    reasons: why,
  }));

  const budget = req.budgetTokens ?? config.retrieval.maxContextTokens;
  const includeStandards = req.includeStandards ?? true;
  // Ranked for code when the text holds a selection (its words match long prose sections loosely).
  const standardsFor = { code: req.selection !== undefined, allWhenFew: req.allApplicableStandards };
  const standards = includeStandards ? await catalog.relevant(req.path ?? req.selection?.path, queryText, 8, standardsFor) : [];
  const standardTokens = standards.reduce((n, s) => n + Math.ceil(s.text.length / 4), 0);
  const ruleFiles = includeStandards && req.allApplicableStandards ? new Set((await catalog.all()).map((s) => s.source)) : undefined;
  const packed = packChunks(withoutGivenRules(chunks, standards, ruleFiles).slice(0, k * 2), Math.max(0, budget - standardTokens)).slice(0, k);

  // The innermost frame in the repository's own code (a test file in a trace is usually the reporter's).
  const raisedIn = frameFiles.find((p) => kindOf(p) === 'code');
  const evidence = { chunks: fused, fileLexical: fileLexical.map((f) => f.path), named, exempt: [...exempt], prior, raisedIn };
  // Coverage of the query's first line: the issue title, the commit subject, the question itself.
  const leadWords = contentTerms(firstLine(req.query ?? ''));
  const shares = coverageShares(fused, leadWords);
  const covered = filesByCoverage(fused, shares);
  // The code files that the tests ranking with the code are named after.
  const tested = testedFiles(fused, [...fused.map((f) => f.item.path), ...fileLexical.map((f) => f.path)], kindOf);
  const files = aboveFloor(rankFiles({ ...evidence, coverage: covered, tested }), floorRatio).map(({ path, score }) => ({ path, score }));
  // A function's share of its file's score leaves the coverage list out: the function's own chunk
  // already carries its coverage (with it, function MRR fell 0.006–0.016 on the docstring sets).
  const fileShares = covered.length > 0 ? aboveFloor(rankFiles(evidence), floorRatio) : files;
  const structural = definitions.length > 0 || mentioned.length > 0;
  return {
    chunks: packed,
    standards,
    files,
    functions: rankFunctions(withNameMatch(withCoverage(fused, shares), leadWords), fileShares, frames[0] && `${frames[0].path}::${frames[0].symbol}`),
    ...(callers?.widelyUsed.length ? { widelyUsed: callers.widelyUsed } : {}),
    thin: !structural && (lexical.length === 0 || Math.max(...lexical.slice(0, 3).map((r) => coverageOf(queryWords, r))) < 0.3),
  };
}

/**
 * The chunks without the rules already given as standards: the section of a rule's document that
 * holds it, and with `ruleFiles` (a review, all applicable standards given) every rules document.
 */
function withoutGivenRules(chunks: RetrievedChunk[], standards: readonly RetrievedStandard[], ruleFiles?: ReadonlySet<string>): RetrievedChunk[] {
  if (standards.length === 0 && !ruleFiles?.size) return chunks;
  const given = (c: RetrievedChunk) =>
    ruleFiles?.has(c.path) === true || standards.some((s) => s.source === c.path && s.line !== undefined && s.line >= c.startLine && s.line <= c.endLine);
  return chunks.filter((c) => !given(c));
}

/** The dense list, or undefined when the embedding endpoint failed (logged; retrieval goes on without it). */
async function vectorList(deps: RetrieverDeps, queryText: string, signal?: AbortSignal): Promise<Row[] | undefined> {
  try {
    return await (deps.vectors as VectorSearch).search(queryText, VECTOR_LIMIT, signal);
  } catch (err) {
    throwIfAborted(signal);
    // The embedding endpoint is optional: without it retrieval is lexical + structural.
    deps.logger.warn(`Vector search skipped: ${errorMessage(err)}`);
    return undefined;
  }
}

/** Whether some query path standing for `file` names a folder too (`docs/usage.md`, not `usage.md`). */
function namedWithFolder(file: string, paths: readonly string[], resolved: ReadonlyMap<string, readonly string[]>): boolean {
  return paths.some((p) => /[\\/]/.test(p.replace(/^\.\//, '')) && (resolved.get(p) ?? []).includes(file));
}

/** Chunks in the order the lexical list ranks them (unranked ones last, by line), at most 50. */
function inLexicalOrder(rows: readonly Row[], lexical: readonly Row[]): Row[] {
  return lexicalFirst([...rows].sort((a, b) => a.start_line - b.start_line), lexical).slice(0, 50);
}

/** Definitions of one symbol in one file that the chunks keep (overloads: Java, C#, C++, Kotlin). */
const NAMESAKES_KEPT = 2;

/**
 * The chunks with at most NAMESAKES_KEPT definitions of any one symbol of a file, best first.
 * Overloads share the words of a selection or question more than anything else: a review of one
 * of Gson's eleven `fromJson` overloads got ten of them in its 14 sources, and none of the
 * `getAdapter`, `TypeAdapter.read` it calls. The windows of one oversized definition count as one.
 */
function fewNamesakes<T extends { item: Row }>(items: readonly T[]): T[] {
  const seen = new Map<string, Row[]>();
  return items.filter(({ item }) => {
    if (!item.symbol) return true;
    const key = `${item.path}\0${item.symbol}`;
    const definitions = seen.get(key) ?? [];
    seen.set(key, definitions);
    if (definitions.some((d) => sameDefinition(d, item))) return true;
    if (definitions.length >= NAMESAKES_KEPT) return false;
    definitions.push(item);
    return true;
  });
}

/**
 * Whether two chunks of one symbol are windows of one oversized definition (`spanChunks`): windows
 * start a whole number of steps apart, and every window but the last is exactly a window long.
 */
function sameDefinition(a: Row, b: Row): boolean {
  const [first, later] = a.start_line <= b.start_line ? [a, b] : [b, a];
  const step = LIMITS.splitWindow - LIMITS.splitOverlap;
  return (later.start_line - first.start_line) % step === 0 && first.end_line - first.start_line + 1 === LIMITS.splitWindow;
}

/** Items whose evidence is at least `ratio` of the strongest evidence, in their ranked order. */
function aboveFloor<T extends { evidence: number }>(items: readonly T[], ratio: number): T[] {
  const best = items.reduce((m, i) => Math.max(m, i.evidence), 0);
  return items.filter((i) => i.evidence >= best * ratio);
}

/** The first line of a query that has words on it. */
function firstLine(query: string): string {
  return query.split('\n').find((line) => line.trim() !== '') ?? '';
}
