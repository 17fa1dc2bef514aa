/**
 * The coding standards of the index, held in memory (a few hundred rules at most) and refreshed
 * after each index run, ranked for a file and a piece of code or a question.
 */
import type { IndexStore } from '../index/store';
import type { StandardRow } from '../index/schema';
import { rankStandards } from '../standards/rank';
import type { Standard } from '../standards/types';
import type { RetrievedStandard } from './types';

export function standardFromRow(row: StandardRow): Standard {
  return {
    id: row.id,
    source: row.source,
    title: row.title,
    headingPath: JSON.parse(row.heading_path) as string[],
    scope: JSON.parse(row.scope) as string[],
    ...(row.description ? { description: row.description } : {}),
    alwaysApply: row.always_apply,
    line: row.line,
    text: row.text,
  };
}

export function standardToRow(std: Standard, terms: string): StandardRow {
  return {
    id: std.id,
    source: std.source,
    title: std.title,
    heading_path: JSON.stringify(std.headingPath),
    scope: JSON.stringify(std.scope),
    description: std.description ?? '',
    always_apply: std.alwaysApply,
    line: std.line,
    text: std.text,
    terms,
  };
}

export class StandardsCatalog {
  private cached: Promise<Standard[]> | undefined;

  constructor(private readonly store: IndexStore) {}

  invalidate(): void {
    this.cached = undefined;
  }

  all(): Promise<Standard[]> {
    this.cached ??= this.load();
    return this.cached;
  }

  /**
   * The rules that apply to `path` (all files when undefined), most relevant to `text` first;
   * `code`: the text is code; `allWhenFew` (a review): all of them when at most `k` apply (`rankStandards`).
   */
  async relevant(path: string | undefined, text: string, k: number, options: { code?: boolean; allWhenFew?: boolean } = {}): Promise<RetrievedStandard[]> {
    const standards = await this.all();
    if (standards.length === 0) return [];
    return rankStandards(standards, { path, text, code: options.code }, k, options.allWhenFew).map(({ standard, score }) => ({
      id: standard.id,
      title: standard.title,
      source: standard.source,
      line: standard.line,
      text: standard.text,
      alwaysApply: standard.alwaysApply,
      score,
    }));
  }

  private async load(): Promise<Standard[]> {
    const rows = (await this.store.standards.query().limit(10_000).toArray()) as StandardRow[];
    return rows.map(standardFromRow);
  }
}
