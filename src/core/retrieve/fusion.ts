/** Reciprocal rank fusion: score(d) = Σ weight / (k + rank), rank 1-based. */
export interface RankedList<T> {
  name: string;
  items: readonly T[];
  weight?: number;
}

/** The rank offset: the usual 60, so a list's first places differ by little and agreement across lists decides. */
export const RRF_K = 60;

export function reciprocalRankFusion<T>(
  lists: ReadonlyArray<RankedList<T>>,
  key: (item: T) => string,
  k = RRF_K,
): Array<{ item: T; score: number; lists: string[] }> {
  const fused = new Map<string, { item: T; score: number; lists: string[] }>();
  for (const list of lists) {
    const weight = list.weight ?? 1;
    list.items.forEach((item, index) => {
      const id = key(item);
      const entry = fused.get(id) ?? { item, score: 0, lists: [] };
      entry.score += weight / (k + index + 1);
      if (!entry.lists.includes(list.name)) entry.lists.push(list.name);
      fused.set(id, entry);
    });
  }
  return [...fused.values()].sort((a, b) => b.score - a.score);
}
