/** The grammar directory (laid out as dist/grammars) that the global setup copied for this run. */
import { inject } from 'vitest';

export function grammarDir(): string {
  return inject('grammarDir');
}
