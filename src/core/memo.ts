/**
 * `fn` with its results remembered, up to `limit` distinct keys; past that the memory starts over
 * (no eviction order to maintain: the callers' keys repeat in bursts — a file's identifiers, a
 * query's candidate paths).
 */
export function boundedMemo<K, V>(fn: (key: K) => V, limit: number): (key: K) => V {
  const memory = new Map<K, V>();
  return (key) => {
    const known = memory.get(key);
    if (known !== undefined || memory.has(key)) return known as V;
    if (memory.size >= limit) memory.clear();
    const value = fn(key);
    memory.set(key, value);
    return value;
  };
}
