import { describe, expect, it } from 'vitest';
import { headline } from '../../../src/core/parse/lines';

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
