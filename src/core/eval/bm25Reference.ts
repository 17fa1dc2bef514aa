/**
 * File-level port of ../shared/eval/scripts/bm25_baseline.py (identifier-split tokens, k1 1.2,
 * b 0.75, a file's document = its path words + its text). It reads the materialised work tree, so
 * reproducing the README's reference figures with it checks materialisation and doc stripping.
 * Function rankings are left empty: that part of the reference is not ported.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { throwIfAborted } from '../errors';
import type { RankerFactory } from './ranker';

const WORD = /[A-Za-z_][A-Za-z0-9_]*|\d+/g;
const CAMEL = /[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+/g;
const STOP = new Set(
  ('the a an and or of to in is it for on with as be this that by at from are was were not no ' +
    'if else then self def return import class none true false').split(' '),
);

function wordTokens(w: string): string[] {
  const lw = w.toLowerCase();
  const parts = (w.replace(/_/g, ' ').match(CAMEL) ?? []).map((p) => p.toLowerCase());
  const toks = STOP.has(lw) ? [] : [lw];
  if (parts.length > 1) toks.push(...parts.filter((p) => !STOP.has(p) && p.length > 1));
  return toks;
}

export function referenceTokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) out.push(...wordTokens(m[0]));
  return out;
}

function counts(tokens: readonly string[]): Map<string, number> {
  const c = new Map<string, number>();
  for (const t of tokens) c.set(t, (c.get(t) ?? 0) + 1);
  return c;
}

export class Bm25 {
  private readonly lengths: number[];
  private readonly avg: number;
  private readonly postings = new Map<string, Array<[number, number]>>();
  private readonly idf = new Map<string, number>();

  constructor(docs: ReadonlyArray<Map<string, number>>, private readonly k1 = 1.2, private readonly b = 0.75) {
    this.lengths = docs.map((d) => [...d.values()].reduce((a, x) => a + x, 0));
    this.avg = docs.length ? this.lengths.reduce((a, x) => a + x, 0) / docs.length : 1;
    docs.forEach((d, i) => {
      for (const [t, c] of d) {
        const list = this.postings.get(t);
        if (list) list.push([i, c]);
        else this.postings.set(t, [[i, c]]);
      }
    });
    for (const [t, p] of this.postings) this.idf.set(t, Math.log(1 + (docs.length - p.length + 0.5) / (p.length + 0.5)));
  }

  rank(queryTokens: readonly string[], topk: number): number[] {
    const scores = new Map<number, number>();
    for (const t of new Set(queryTokens)) {
      const idf = this.idf.get(t);
      if (idf === undefined) continue;
      for (const [i, c] of this.postings.get(t)!) {
        const add = (idf * c * (this.k1 + 1)) / (c + this.k1 * (1 - this.b + (this.b * this.lengths[i]!) / this.avg));
        scores.set(i, (scores.get(i) ?? 0) + add);
      }
    }
    return [...scores.keys()].sort((a, b) => scores.get(b)! - scores.get(a)!).slice(0, topk);
  }
}

async function walk(root: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(path.join(root, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await walk(root, p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** The reference BM25 over the files of the tree whose extension is in `exts` (e.g. `['py']`). */
export function bm25ReferenceRanker(exts: readonly string[]): RankerFactory {
  const wanted = new Set(exts.map((e) => e.replace(/^\./, '').toLowerCase()));
  return async ({ root }) => {
    const cache = new Map<string, { mtimeMs: number; size: number; tokens: Map<string, number> }>();
    let paths: string[] = [];
    let index: Bm25 | undefined;
    return {
      async refresh(signal) {
        paths = (await walk(root))
          .filter((p) => wanted.has(path.extname(p).slice(1).toLowerCase()))
          .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        const docs: Array<Map<string, number>> = [];
        for (const p of paths) {
          throwIfAborted(signal);
          const st = await fs.stat(path.join(root, p));
          let hit = cache.get(p);
          if (!hit || hit.mtimeMs !== st.mtimeMs || hit.size !== st.size) {
            const text = (await fs.readFile(path.join(root, p))).toString('utf8');
            hit = { mtimeMs: st.mtimeMs, size: st.size, tokens: counts(referenceTokens(text)) };
            cache.set(p, hit);
          }
          const doc = new Map(hit.tokens);
          for (const t of referenceTokens(p.replace(/\//g, ' '))) doc.set(t, (doc.get(t) ?? 0) + 1);
          docs.push(doc);
        }
        index = new Bm25(docs);
        return `${paths.length} files`;
      },
      async rank(row, limit) {
        const files = index ? index.rank(referenceTokens(row.query), limit).map((i) => paths[i]!) : [];
        return { files, functions: [] };
      },
      close: async () => undefined,
    };
  };
}
