/**
 * A faithful port of ../shared/eval/scripts/evaluate.py: Recall@k, Acc@k (every gold item in the
 * top k), Hit@k and MRR, averaged over rows with a non-empty gold list; rows without a
 * prediction count as misses. Rankings are de-duplicated (first kept).
 */
import type { EvalRow } from './dataset';

export type Level = 'file' | 'function';

export interface Prediction {
  id: string;
  ranked_files: string[];
  ranked_functions: string[];
}

export interface LevelScore {
  level: Level;
  n: number;
  withPrediction: number;
  mrr: number;
  recall: Record<number, number>;
  acc: Record<number, number>;
  hit: Record<number, number>;
}

export const DEFAULT_KS = [1, 3, 5, 10] as const;

/** `path:A.b` (LocAgent) is read as `path::A.b`, as evaluate.py does. */
export function normaliseFunctionId(s: string): string {
  return !s.includes('::') && s.includes(':') ? s.replace(':', '::') : s;
}

function dedupe(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export function scoreLevel(
  rows: readonly EvalRow[],
  predictions: ReadonlyMap<string, Prediction>,
  level: Level,
  ks: readonly number[] = DEFAULT_KS,
): LevelScore {
  const zero = () => Object.fromEntries(ks.map((k) => [k, 0])) as Record<number, number>;
  const out: LevelScore = { level, n: 0, withPrediction: 0, mrr: 0, recall: zero(), acc: zero(), hit: zero() };
  for (const row of rows) {
    const goldList = level === 'file' ? row.goldFiles : row.goldFunctions.map(normaliseFunctionId);
    if (goldList.length === 0) continue;
    const gold = new Set(goldList);
    out.n++;
    const p = predictions.get(row.id);
    if (p) out.withPrediction++;
    const rankedRaw = p ? (level === 'file' ? p.ranked_files : p.ranked_functions.map(normaliseFunctionId)) : [];
    const ranked = dedupe(rankedRaw);
    for (const k of ks) {
      const inter = ranked.slice(0, k).filter((x) => gold.has(x)).length;
      out.recall[k]! += inter / gold.size;
      out.acc[k]! += inter === gold.size ? 1 : 0;
      out.hit[k]! += inter > 0 ? 1 : 0;
    }
    const first = ranked.findIndex((x) => gold.has(x));
    if (first >= 0) out.mrr += 1 / (first + 1);
  }
  if (out.n > 0) {
    out.mrr = round4(out.mrr / out.n);
    for (const k of ks) {
      out.recall[k] = round4(out.recall[k]! / out.n);
      out.acc[k] = round4(out.acc[k]! / out.n);
      out.hit[k] = round4(out.hit[k]! / out.n);
    }
  }
  return out;
}

/** Both levels; a level with no gold items in the rows is left out. */
export function scoreRows(
  rows: readonly EvalRow[],
  predictions: ReadonlyMap<string, Prediction>,
  ks: readonly number[] = DEFAULT_KS,
): LevelScore[] {
  return (['file', 'function'] as const).map((l) => scoreLevel(rows, predictions, l, ks)).filter((s) => s.n > 0);
}
