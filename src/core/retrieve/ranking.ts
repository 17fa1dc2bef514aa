/**
 * File- and function-level rankings from the fused chunk list, the whole-file lexical list and the
 * files a query names, with each file's kind prior applied (`fileKind.ts`).
 */
import { chunksByCoverage, nameMatch } from './coverage';
import { INTENT_PRIOR } from './fileKind';
import { RRF_K, reciprocalRankFusion } from './fusion';

export interface ChunkLike {
  path: string;
  kind: string;
  symbol: string;
  /** The chunk's full-text (BM25) score, when the lexical list found it. */
  _score?: number;
}

export interface ScoredChunk<T extends ChunkLike = ChunkLike> {
  item: T;
  score: number;
  lists: string[];
}

export interface FileEvidence {
  /** Fused chunks, best first, their scores already multiplied by their file's prior. */
  chunks: ReadonlyArray<ScoredChunk>;
  /** Paths ranked by whole-file BM25. */
  fileLexical: readonly string[];
  /** Paths the query names (file paths, stack frames): strong evidence, exempt from the prior. */
  named: readonly string[];
  /** Named paths exempt from the prior (default: all of `named`). */
  exempt?: readonly string[];
  /** The kind prior of a path under the query's intent (1 for code). */
  prior: (path: string) => number;
  /**
   * The code file of a stack trace's innermost frame that is in the repository: where the error was
   * raised, most often where it is fixed (frames above it only passed the bad value along).
   */
  raisedIn?: string;
  /** Paths by how much of the query's first line their best chunk covers (`coverage.ts`). */
  coverage?: readonly string[];
  /** Code files the best-matching tests are named after (`tested.ts`). */
  tested?: readonly string[];
}

/**
 * Weights of the file-level lists. The whole-file list is the steadier one on long files; the
 * best-chunk list (files by their single best chunk) speaks for a file that holds one chunk matching
 * the query closely (the function a docstring or an issue describes), where the chunk-sum and
 * whole-file lists reward files that match broadly (what a commit subject tends to describe). The
 * coverage list ranks files by how many of the query's words one chunk holds at all, where the
 * others add up counts.
 *
 * Best chunk at 1.5: with the coverage list in, 1.4–1.75 each raised the docstring sets' file MRR
 * (vite +0.015–0.024, fzf +0.011–0.013) and moved the commit and issue sets by ±0.01 at most; at 2
 * fzf's commit subjects lost 0.025. Before the coverage list, 1.5 cost fzf's commits 0.008.
 *
 * Tested files (`tested.ts`) at 0.2: a nudge between near-ties. Lite issues +0.017 MRR (pytest's
 * `test_skipping.py` → `skipping.py`), fzf commits −0.012; at 0.5 fzf's commit subjects lost 0.03.
 */
export const FILE_LIST_WEIGHTS = { chunks: 1, fileLexical: 1, bestChunk: 1.5, coverage: 1, named: 1.5, raisedIn: 1, tested: 0.2 } as const;

/**
 * A file's chunk evidence: its chunk scores summed with a 1/i decay (the best chunk counts fully,
 * further ones add less, so a long file is not rewarded for its length alone).
 */
export function filesFromChunks(chunks: ReadonlyArray<ScoredChunk>): Array<{ path: string; score: number }> {
  const byFile = new Map<string, number[]>();
  for (const { item, score } of chunks) {
    const scores = byFile.get(item.path);
    if (scores) scores.push(score);
    else byFile.set(item.path, [score]);
  }
  return [...byFile.entries()]
    .map(([path, scores]) => ({ path, score: scores.sort((a, b) => b - a).reduce((sum, s, i) => sum + s / (i + 1), 0) }))
    .sort((a, b) => b.score - a.score);
}

/** A ranked file: `score` orders (prior applied), `evidence` is the fused score before the prior (for the floor). */
export interface RankedFile {
  path: string;
  score: number;
  evidence: number;
}

/** Files in the order of their best chunk (the first chunk of each file in a best-first list). */
export function filesByBestChunk(chunks: ReadonlyArray<ScoredChunk>): string[] {
  const best = new Map<string, number>();
  for (const { item, score } of chunks) if ((best.get(item.path) ?? -Infinity) < score) best.set(item.path, score);
  return [...best.entries()].sort((a, b) => b[1] - a[1]).map(([path]) => path);
}

/**
 * Files fused from the lists above, each file's score then multiplied by its kind prior. The
 * whole-file list holds only code and the kinds this query asks for (prior ≥ `INTENT_PRIOR`: the
 * docs a docs question asks for stay): unlike the chunk lists, its order is not prior-adjusted, and a
 * changelog or test file at its top pushed every code file one rank down in it. Those files still
 * reach the ranking through their chunks. Sessions 8–9, real eval: fzf commits +0.02, docstring file
 * MRR +0.002–0.02. Keeping only prior-1 files (code) did 0.004–0.012 better on the black and vite
 * snapshots and Lite, where commit messages say "Update CHANGES.md", but lost the README for "what
 * does README.md say about …"; ordering the list by score × prior instead of filtering: ±0.006.
 */
export function rankFiles(e: FileEvidence): RankedFile[] {
  const exempt = new Set(e.exempt ?? e.named);
  const fused = reciprocalRankFusion(
    [
      { name: 'chunks', items: filesFromChunks(e.chunks).map((f) => f.path), weight: FILE_LIST_WEIGHTS.chunks },
      { name: 'fileLexical', items: e.fileLexical.filter((p) => exempt.has(p) || e.prior(p) >= INTENT_PRIOR), weight: FILE_LIST_WEIGHTS.fileLexical },
      { name: 'named', items: e.named, weight: FILE_LIST_WEIGHTS.named },
      { name: 'raisedIn', items: e.raisedIn ? [e.raisedIn] : [], weight: FILE_LIST_WEIGHTS.raisedIn },
      { name: 'bestChunk', items: filesByBestChunk(e.chunks), weight: FILE_LIST_WEIGHTS.bestChunk },
      { name: 'coverage', items: e.coverage ?? [], weight: FILE_LIST_WEIGHTS.coverage },
      { name: 'tested', items: e.tested ?? [], weight: FILE_LIST_WEIGHTS.tested },
    ],
    (p) => p,
  );
  return fused
    .map(({ item, score }) => ({ path: item, score: score * (exempt.has(item) ? 1 : e.prior(item)), evidence: score }))
    .sort((a, b) => b.score - a.score);
}

/**
 * Share of a file's score that each of its functions inherits (the function is where the file's
 * evidence lives). A quarter, not a half: the file score already counts the file's best chunk
 * (`bestChunk` list), usually the function's own.
 */
export const FILE_SHARE = 0.25;
/**
 * Weight of a class's own chunk (its skeleton: fields, signatures) in the function ranking. A class
 * body repeats the words of all its methods, so its skeleton matches almost any question about the
 * class, while the answer is usually one of the methods.
 */
export const CLASS_WEIGHT = 0.5;

/**
 * Weight of a chunk's own BM25 score in the function ranking, as a share of the best lexical hit's
 * (`FUNCTION_BM25_WEIGHT / (RRF_K + 1)` for the best). Fusion keeps only ranks: two functions ranked
 * third and fourth get nearly the same fused score however far apart their scores are, and siblings
 * in one file then share the same file score too. A docstring, an issue or a question describes one
 * function, whose body matches it much better than its neighbours' do; the score says by how much.
 * Sessions 8–9 (simulated on the docstring and Lite sets, then the real eval): function MRR vite
 * docstrings 0.499 → 0.570, black 0.615 → 0.633, fzf 0.489 → 0.483; weights 1–2 all within 0.005
 * of that. Lite 0.403 → 0.430 without `raisedIn`; with it 0.403 (two issues whose fix is in a caller
 * of the innermost frame lose a rank; kept: where the error is raised leads, as `frames.test.ts`
 * asks, rather than a rule set by two rows).
 */
export const FUNCTION_BM25_WEIGHT = 1.5;

/**
 * Function-level ranking (`path::Qual.name`): a function's best chunk score (its fused score plus
 * its own BM25 score's share, `FUNCTION_BM25_WEIGHT`) plus a share of its file's score. Module-level
 * code, windows and prose sections are not functions. `raisedIn`: the function of a stack trace's
 * innermost frame in the repository, whose share is the best lexical hit's (a caller further out
 * whose body repeats more of the trace's words does not pass it).
 */
export function rankFunctions(
  chunks: ReadonlyArray<ScoredChunk>,
  files: ReadonlyArray<{ path: string; score: number }>,
  raisedIn?: string,
): Array<{ id: string; score: number }> {
  const fileScore = new Map(files.map((f) => [f.path, f.score]));
  const bestLexical = chunks.reduce((m, c) => Math.max(m, c.item._score ?? 0), 0);
  const lexicalWeight = bestLexical > 0 ? FUNCTION_BM25_WEIGHT / (RRF_K + 1) / bestLexical : 0;
  const out = new Map<string, number>();
  for (const { item, score } of chunks) {
    if (!namesCode(item)) continue;
    const id = `${item.path}::${item.symbol}`;
    // The function a stack trace's error was raised in is evidence as strong as the best lexical hit.
    const own = score + lexicalWeight * (id === raisedIn ? bestLexical : (item._score ?? 0));
    const total = (item.kind === 'class' ? CLASS_WEIGHT : 1) * own + FILE_SHARE * (fileScore.get(item.path) ?? 0);
    if ((out.get(id) ?? -1) < total) out.set(id, total);
  }
  return [...out.entries()].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
}

/**
 * Weight of the chunks ranked by coverage of the query's first line, in the function ranking only.
 * Half: on the docstring sets function MRR rose 0.02 (vite, fzf) and fell 0.006 (black); at full
 * weight black fell 0.018. In the chunk list itself it cost the per-commit file rankings 0.01–0.02.
 */
export const FUNCTION_COVERAGE_WEIGHT = 0.5;

/**
 * Fused chunks with a coverage list fused in (`shares`: the coverage of the first chunks,
 * `coverageShares`), best first. A chunk's score is its evidence times its prior: the added
 * evidence is scaled by the same prior.
 */
export function withCoverage<T extends { score: number; evidence: number }>(
  fused: readonly T[],
  shares: readonly number[],
  weight = FUNCTION_COVERAGE_WEIGHT,
): readonly T[] {
  if (shares.length === 0) return fused;
  const order = chunksByCoverage(fused.map((_, i) => i), shares);
  return withListBonus(fused, order, weight);
}

/**
 * `fused` with one more ranked list's RRF share added (`order`: indexes into `fused`, best first;
 * `grade`: a factor per place in `order`, 1 when absent), best first again. A chunk's score is its
 * evidence times its prior: the added evidence is scaled by the same prior.
 */
function withListBonus<T extends { score: number; evidence: number }>(
  fused: readonly T[],
  order: readonly number[],
  weight: number,
  grade?: readonly number[],
): readonly T[] {
  const bonus = new Map(order.map((i, rank) => [i, (grade?.[rank] ?? 1) * weight / (RRF_K + rank + 1)]));
  return fused
    .map((f, i) => {
      const add = bonus.get(i);
      return add === undefined || f.evidence <= 0 ? f : { ...f, score: f.score * (1 + add / f.evidence), evidence: f.evidence + add };
    })
    .sort((a, b) => b.score - a.score);
}

/**
 * `rows` with those the lexical list holds first, in its order, then the rest in their own order.
 * Used for the definition list (rarest name first otherwise): a definition the query's words also
 * match is the one meant, where a name mentioned in passing (`import.meta` → `meta`, a common
 * method name) has definitions that share none of the query's other words.
 */
export function lexicalFirst<T extends { id: string }>(rows: readonly T[], lexical: ReadonlyArray<{ id: string }>): T[] {
  const rank = new Map(lexical.map((r, i) => [r.id, i]));
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => (rank.get(a.row.id) ?? Infinity) - (rank.get(b.row.id) ?? Infinity) || a.i - b.i)
    .map(({ row }) => row);
}

/**
 * Weight of the functions whose own name the query's first line says (`nameMatch`), in the function
 * ranking only: a docstring's sentence paraphrases the name of what it describes ("Combines multiple
 * sourcemaps into a single sourcemap" is `combineSourcemaps`, not `combineSourcemapsIfExists` or
 * `getCombinedSourcemap`, whose bodies match it as well). Session 18, docstring sets (function MRR):
 * vite 0.559 → 0.580, black 0.633 → 0.646, fzf 0.482 → 0.493; Lite 0.405 → 0.408. Weights 0.2–0.3
 * all gave that; 0.5 gave about half of it, 1 lost on all three.
 */
export const NAME_WEIGHT = 0.3;
/** Fused chunks whose names are read for the name list. */
const NAME_DEPTH = 150;

/**
 * Whether a name counts as said: at least two of its words, and more than half of them. One word
 * alone is said by too many queries (`close`, `clear`, `resolve`); with any one-word match
 * counted, the three docstring sets lost 0.002–0.02.
 */
function nameSaid(m: { share: number; matched: number }): boolean {
  return m.matched >= 2 && m.share > 0.5;
}

/**
 * Fused chunks with a name list fused in: the first NAME_DEPTH functions, methods and classes whose
 * own name the query says (`nameMatch`, `nameSaid`), most of their name first, then by how many of
 * its words; between equal ones, in their own order. Each one's share is graded by `nameGrade`.
 */
export function withNameMatch<T extends { score: number; evidence: number; item: ChunkLike }>(
  fused: readonly T[],
  terms: readonly string[],
  weight = NAME_WEIGHT,
): readonly T[] {
  if (terms.length === 0) return fused;
  const ranked = fused
    .slice(0, NAME_DEPTH)
    .map(({ item }, at) => ({ at, m: namesCode(item) ? nameMatch(terms, item.symbol) : { share: 0, matched: 0 } }))
    .filter(({ m }) => nameSaid(m))
    .sort((a, b) => b.m.share - a.m.share || b.m.matched - a.m.matched || a.at - b.at);
  return ranked.length === 0 ? fused : withListBonus(fused, ranked.map(({ at }) => at), weight, ranked.map(({ m }) => nameGrade(m.matched)));
}

/**
 * How strongly a said name speaks for its function: two words said count once, three or more count
 * 1.5 times (`runOptimizeDeps` over `optimizeDeps` for "prepare a optimizeDeps run"). Session 18,
 * five runs each on vite's docstrings: function MRR 0.585–0.586 against 0.579–0.580 counting every
 * said name once; black 0.646 → 0.648, fzf and Lite the same. A grade by the share of the name said
 * instead lost black and fzf.
 */
function nameGrade(matched: number): number {
  return Math.min(matched, 3) / 2;
}

/** Whether a chunk is a named definition (not module-level code, a line window or a prose section). */
function namesCode(item: ChunkLike): boolean {
  return item.symbol !== '' && item.kind !== 'module' && item.kind !== 'window' && item.kind !== 'section';
}
