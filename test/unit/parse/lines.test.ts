import { describe, expect, it } from 'vitest';
import { definitionLine, headline } from '../../../src/core/parse/lines';

describe('headline', () => {
  it("shows a chunk's first line of code, not the doc comment above it", () => {
    const jsdoc = '/**\n * Compile "query parser" value to function.\n */\n\nexports.compileQueryParser = function compileQueryParser(val) {\n  return val;\n};';
    expect(headline(jsdoc)).toBe('exports.compileQueryParser = function compileQueryParser(val) {');
    expect(headline('# Parse the settings.\ndef parse(text):\n    return text')).toBe('def parse(text):');
    expect(headline('\n  def plain():\n    pass')).toBe('def plain():');
  });

  it('falls back to the first non-blank line when the chunk is all comments', () => {
    expect(headline('\n// only a note\n// and another')).toBe('// only a note');
    expect(headline('')).toBe('');
  });
});

describe('definitionLine', () => {
  it("finds the line that names a result's symbol, with its offset, where the range starts elsewhere", () => {
    const merged = '  methods: {\n    formatCents,\n    /** The coupon line. */\n    couponLabel(): string {\n      return "x";\n    },';
    expect(definitionLine(merged, 'OrderSummary.couponLabel')).toEqual({ text: 'couponLabel(): string {', offset: 3 });
    // a merged result's symbols: the first one's
    expect(definitionLine(merged, 'OrderSummary.formatCents, OrderSummary.couponLabel')).toEqual({ text: 'formatCents,', offset: 1 });
    // a name inside another word or a comment does not count; no symbol: the headline
    expect(definitionLine('// parse it\nconst parser = 1;\nfunction parse() {}', 'parse')).toEqual({ text: 'function parse() {}', offset: 2 });
    expect(definitionLine('\n/** doc */\nconst x = 1;', '')).toEqual({ text: 'const x = 1;', offset: 2 });
  });
});
