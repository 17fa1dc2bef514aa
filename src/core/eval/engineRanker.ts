/** The ranker the eval measures: Groundwork's own engine (indexer + retriever) on the work tree. */
import type { Config } from '../config';
import { openEngine } from '../engine';
import type { RankerFactory } from './ranker';

export interface EngineRankerOptions {
  config: Config;
  /** Folder with web-tree-sitter.wasm, grammar .wasm files and queries/. */
  grammarDir: string;
  workers?: number;
  workerScript?: string;
}

export function engineRanker(options: EngineRankerOptions): RankerFactory {
  return async ({ root, dbDir, logger }) => {
    const engine = await openEngine({ root, dbDir, logger, ...options });
    return {
      async refresh(signal) {
        const s = await engine.index({ signal });
        return `${s.indexed} indexed, ${s.unchanged} unchanged, ${s.removed} removed, ${s.chunks} chunks`;
      },
      async rank(row, limit, signal) {
        const r = await engine.retriever.retrieve({ query: row.query, k: limit, includeStandards: false, signal });
        return { files: r.files.map((f) => f.path), functions: r.functions.map((f) => f.id) };
      },
      close: () => engine.close(),
    };
  };
}
