import { describe, expect, it } from 'vitest';
import { reciprocalRankFusion } from '../../../src/core/retrieve/fusion';
import { packChunks } from '../../../src/core/retrieve/pack';
import type { RetrievedChunk } from '../../../src/core/retrieve/types';

function chunk(path: string, start: number, end: number, score = 1): RetrievedChunk {
  const text = Array.from({ length: end - start + 1 }, (_, i) => `line ${start + i}`).join('\n');
  return { id: `${path}:${start}`, path, language: 'ts', kind: 'function', symbol: `f${start}`, startLine: start, endLine: end, text, score, reasons: ['lexical'] };
}

describe('reciprocal rank fusion', () => {
  it('rewards items that several lists agree on, with k = 60', () => {
    const fused = reciprocalRankFusion(
      [
        { name: 'a', items: ['x', 'y', 'z'] },
        { name: 'b', items: ['y', 'w'] },
      ],
      (s) => s,
    );
    expect(fused[0]!.item).toBe('y');
    expect(fused[0]!.score).toBeCloseTo(1 / 62 + 1 / 61);
    expect(fused[0]!.lists).toEqual(['a', 'b']);
    expect(fused.map((f) => f.item)).toEqual(['y', 'x', 'w', 'z']);
  });

  it('applies list weights', () => {
    const fused = reciprocalRankFusion([{ name: 'a', items: ['x'] }, { name: 'b', items: ['y'], weight: 2 }], (s) => s);
    expect(fused[0]!.item).toBe('y');
  });
});

describe('packing into a token budget', () => {
  it('keeps best-first order, drops contained chunks and merges overlapping ones with exact text', () => {
    const packed = packChunks([chunk('a.ts', 10, 20), chunk('a.ts', 12, 15), chunk('a.ts', 18, 25), chunk('b.ts', 1, 3)], 10_000);
    expect(packed.map((c) => [c.path, c.startLine, c.endLine])).toEqual([['a.ts', 10, 25], ['b.ts', 1, 3]]);
    const lines = packed[0]!.text.split('\n');
    expect(lines).toHaveLength(16);
    expect(lines[0]).toBe('line 10');
    expect(lines[15]).toBe('line 25');
  });

  it('stops at the budget', () => {
    const big = chunk('a.ts', 1, 400);
    const small = chunk('b.ts', 1, 2);
    const packed = packChunks([big, small], 50);
    expect(packed.map((c) => c.path)).toEqual(['b.ts']);
  });
});

describe('packing class skeletons', () => {
  it('never merges a skeleton (collapsed bodies) with the method chunks inside it', () => {
    const skeleton: RetrievedChunk = { ...chunk('a.ts', 1, 40), kind: 'class', symbol: 'Shop', text: 'class Shop {\n  buy() { … }\n}' };
    const method = { ...chunk('a.ts', 2, 10), kind: 'method' as const, symbol: 'Shop.buy' };
    const packed = packChunks([method, skeleton], 10_000);
    expect(packed.map((c) => c.symbol)).toEqual(['Shop.buy', 'Shop']);
    expect(packed[0]!.text).toBe(method.text);
  });
});
