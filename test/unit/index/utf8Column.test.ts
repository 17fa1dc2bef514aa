import { describe, expect, it } from 'vitest';
import { utf8Column } from '../../../src/core/index/rows';

/** Each string's bytes, read back from the column. */
function decoded(column: { offsets: Int32Array; data: Buffer }): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < column.offsets.length; i++) out.push(column.data.toString('utf8', column.offsets[i], column.offsets[i + 1]));
  return out;
}

describe('utf8Column', () => {
  it('encodes ASCII, multi-byte and empty strings with exact byte offsets', () => {
    const strings = ['parse config', '', 'übersicht', '日本語', '😀 x', 'tail'];
    const column = utf8Column(strings);
    expect([...column.offsets]).toEqual([0, 12, 12, 22, 31, 37, 41]);
    expect(column.data.length).toBe(41);
    expect(decoded(column)).toEqual(strings);
  });

  it('gives every lone surrogate its own replacement character, as one-by-one encoding does', () => {
    // Joined, '\ud83d' + '\ude00' would become one 4-byte character; apart they are 3 bytes each.
    const strings = ['a\ud83d', '\ude00b'];
    const column = utf8Column(strings);
    expect([...column.offsets]).toEqual([0, 4, 8]);
    expect(decoded(column)).toEqual(['a\ufffd', '\ufffdb']);
  });

  it('encodes an all-ASCII column with offsets from the string lengths', () => {
    const strings = ['parse config', '', 'src pytest tmpdir', 'x'];
    const column = utf8Column(strings);
    expect([...column.offsets]).toEqual([0, 12, 12, 29, 30]);
    expect(decoded(column)).toEqual(strings);
  });

  it('handles an empty column', () => {
    const column = utf8Column([]);
    expect([...column.offsets]).toEqual([0]);
    expect(column.data.length).toBe(0);
  });
});
