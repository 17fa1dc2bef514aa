/**
 * What the eval runs: a ranker bound to one repository's work tree. The harness moves the tree
 * from commit to commit, calls `refresh` (re-index), then `rank` for every row of that tree.
 */
import { promises as fs } from 'node:fs';
import { GroundworkError } from '../errors';
import type { Logger } from '../log';
import type { EvalRow } from './dataset';

export interface Ranking {
  files: string[];
  functions: string[];
}

export interface Ranker {
  /** Brings the ranker's index up to date with the work tree; returns a one-line summary for the log. */
  refresh(signal?: AbortSignal): Promise<string>;
  rank(row: EvalRow, limit: number, signal?: AbortSignal): Promise<Ranking>;
  close(): Promise<void>;
}

export interface RankerContext {
  repo: string;
  /** The work tree to index. */
  root: string;
  /** A directory this ranker may keep its index in (kept between runs). */
  dbDir: string;
  logger: Logger;
  signal?: AbortSignal;
}

export type RankerFactory = (ctx: RankerContext) => Promise<Ranker>;

/**
 * Replays a predictions file (evaluate.py format) instead of retrieving: checks the harness and
 * the scorer against another system's output, e.g. the Python BM25 reference.
 */
export async function predictionsRanker(file: string): Promise<RankerFactory> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new GroundworkError(`Cannot read predictions ${file}.`, { cause: err });
  }
  const byId = new Map<string, Ranking>();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const p = JSON.parse(line) as { id?: string; instance_id?: string; ranked_files?: string[]; ranked_functions?: string[] };
    const id = p.instance_id ?? p.id;
    if (id) byId.set(id, { files: p.ranked_files ?? [], functions: p.ranked_functions ?? [] });
  }
  return async () => ({
    refresh: async () => `${byId.size} recorded predictions`,
    rank: async (row, limit) => {
      const r = byId.get(row.id) ?? { files: [], functions: [] };
      return { files: r.files.slice(0, limit), functions: r.functions.slice(0, limit) };
    },
    close: async () => undefined,
  });
}
