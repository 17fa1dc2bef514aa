/**
 * The completion cache: an LRU keyed by a hash of what the model would see of the document
 * (model, mode, prefix tail, suffix head), so a repeat at the same spot sends no request.
 */
import { createHash } from 'node:crypto';

export class LruCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

export function completionCacheKey(parts: { model: string; mode: string; path: string; prefix: string; suffix: string }): string {
  return createHash('sha1')
    .update(`${parts.model}\u0000${parts.mode}\u0000${parts.path}\u0000${parts.prefix.length}\u0000`)
    .update(parts.prefix)
    .update('\u0000')
    .update(parts.suffix)
    .digest('hex');
}
