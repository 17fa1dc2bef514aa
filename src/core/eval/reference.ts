/**
 * The plain-BM25 reference figures published in the eval README (table "Reference: plain BM25"),
 * read from the README itself so that a refreshed table needs no code change.
 */
import { promises as fs } from 'node:fs';
import type { DatasetKind } from './dataset';
import type { Level } from './score';

export interface ReferenceFigures {
  n: number;
  mrr: number;
  acc: Record<number, number>;
}

/** Key: `<label>|<level>` with the README's dataset label, e.g. `commits psf__black (snapshot)|file`. */
export type ReferenceTable = Map<string, ReferenceFigures>;

export function parseReferenceTable(markdown: string): ReferenceTable {
  const table: ReferenceTable = new Map();
  const start = markdown.indexOf('Reference: plain BM25');
  if (start < 0) return table;
  let header: string[] | undefined;
  for (const line of markdown.slice(start).split('\n')) {
    if (!line.trim().startsWith('|')) {
      if (header) break;
      continue;
    }
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (!header) {
      header = cells;
      continue;
    }
    if (cells.every((c) => /^-*$/.test(c))) continue;
    const col = (name: string) => Number(cells[header!.indexOf(name)]);
    const acc: Record<number, number> = {};
    for (const k of [1, 3, 5, 10]) acc[k] = col(`Acc@${k}`);
    table.set(`${cells[0]}|${cells[1]}`, { n: col('n'), mrr: col('MRR'), acc });
  }
  return table;
}

export async function loadReferenceTable(readmePath: string): Promise<ReferenceTable> {
  try {
    return parseReferenceTable(await fs.readFile(readmePath, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw err;
  }
}

/** The README's label of a dataset (`psf__black.snapshot` → `commits psf__black (snapshot)`). */
export function referenceLabel(name: string, kind: DatasetKind): string {
  const repo = name.split('.')[0] ?? name;
  switch (kind) {
    case 'swebench':
      return 'Lite, 6 small repos';
    case 'snapshot':
      return `commits ${repo} (snapshot)`;
    case 'per_commit':
      return `commits ${repo} (per_commit)`;
    case 'doc':
      return `docstrings ${repo} (docs stripped)`;
  }
}

export function referenceFor(table: ReferenceTable, name: string, kind: DatasetKind, level: Level): ReferenceFigures | undefined {
  return table.get(`${referenceLabel(name, kind)}|${level}`);
}
