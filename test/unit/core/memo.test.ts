import { describe, expect, it } from 'vitest';
import { boundedMemo } from '../../../src/core/memo';

describe('boundedMemo', () => {
  it('computes each key once, remembers undefined results too, and starts over past its limit', () => {
    const calls: string[] = [];
    const f = boundedMemo((k: string) => {
      calls.push(k);
      return k === 'none' ? undefined : k.toUpperCase();
    }, 3);
    expect([f('a'), f('b'), f('a'), f('none'), f('none')]).toEqual(['A', 'B', 'A', undefined, undefined]);
    expect(calls).toEqual(['a', 'b', 'none']);
    f('c'); // the fourth distinct key: the memory starts over with it
    f('a');
    expect(calls).toEqual(['a', 'b', 'none', 'c', 'a']);
  });
});
