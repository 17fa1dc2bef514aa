import { describe, expect, it } from 'vitest';
import { literalMatches, messageParts, queryShingles } from '../../../src/core/retrieve/literal';

describe('literal evidence', () => {
  it('cuts a quoted message into 3-word shingles that carry two content words, never across punctuation', () => {
    const shingles = queryShingles('Failed to resolve import "./foo" from "src/main.ts". Does the file exist?');
    expect(shingles).toEqual(['failed to resolve', 'to resolve import', 'the file exist']);
    expect(queryShingles('it is in the')).toEqual([]);
    expect(queryShingles('ValueError: cannot reindex on an axis with duplicate labels')).toEqual(['cannot reindex on', 'axis with duplicate', 'with duplicate labels']);
    expect(queryShingles('parseConfig')).toEqual([]);
  });

  it("reads the message on the line after Rust's 'panicked at …:' line", () => {
    const parts = messageParts("thread 'main' panicked at src/main.rs:12:10:\nOverlapping method route. Handler for `GET /users` already exists\nnote: run with RUST_BACKTRACE=1");
    expect(parts).toContain('Overlapping method route. Handler for `GET /users` already exists');
    expect(parts).not.toContain('note: run with RUST_BACKTRACE=1');
  });

  it('reads only message-like parts: error lines and quoted text, not plain prose', () => {
    const prose = 'Return the line number of the first statement in the block.\nFix crash when the config file is empty';
    expect(queryShingles(prose)).toEqual([]);
    expect(messageParts(`${prose}\nI get "unexpected end of input while parsing" on save`)).toEqual(['unexpected end of input while parsing']);
    expect(queryShingles(`${prose}\nTypeError: numpy boolean subtract is not supported`)).toEqual(['numpy boolean subtract', 'boolean subtract is']);
  });

  it('ranks the chunks holding the most shingles first, keeps the given order on ties, drops the rest', () => {
    const chunks = [
      { id: 'uses-words', text: 'const resolve = importFile(); if (failed) exist(file)' },
      { id: 'raises', text: 'throw new Error(`Failed to resolve import "${url}".\n  Does the file exist?`)' },
      { id: 'half', text: '// failed   to resolve something' },
      { id: 'half-2', text: 'log("failed to RESOLVE")' },
    ];
    const shingles = queryShingles('Failed to resolve import "./foo". Does the file exist?');
    expect(literalMatches(chunks, shingles).map((c) => c.id)).toEqual(['raises', 'half', 'half-2']);
    expect(literalMatches(chunks, [])).toEqual([]);
  });
});
