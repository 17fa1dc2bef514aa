import type { ParsedFile } from '../../../src/core/parse/types';

/** A parsed file as short lines, for snapshots and `toContain` checks. */
export function summarize(file: ParsedFile): { chunks: string[]; symbols: string[] } {
  return {
    chunks: file.chunks.map(
      (c) => `${c.kind} ${c.symbol || '-'}${c.container ? ` (in ${c.container})` : ''} ${c.startLine}-${c.endLine}`,
    ),
    symbols: file.symbols.map((s) => `${s.kind} ${s.container ? `${s.container}.` : ''}${s.name} ${s.line}-${s.endLine}`),
  };
}
