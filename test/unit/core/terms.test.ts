import { describe, expect, it } from 'vitest';
import { splitIdentifier, termsOf, termsText } from '../../../src/core/terms';

describe('identifier splitting', () => {
  it('splits camelCase, PascalCase, snake_case and acronyms', () => {
    expect(splitIdentifier('parseConfigFile')).toEqual(['parse', 'config', 'file']);
    expect(splitIdentifier('parse_config_file')).toEqual(['parse', 'config', 'file']);
    expect(splitIdentifier('HTTPServerError')).toEqual(['http', 'server', 'error']);
    expect(splitIdentifier('__init__')).toEqual(['init']);
    expect(splitIdentifier('utf8Decode2')).toEqual(['utf', '8', 'decode', '2']);
  });

  it('makes parseConfig and parse_config share their terms, and keeps the joined name', () => {
    const a = new Set(termsOf('parseConfig'));
    const b = new Set(termsOf('parse_config'));
    expect(a).toEqual(b);
    expect(a.has('parseconfig')).toBe(true);
  });

  it('drops terms longer than the full-text tokenizer keeps', () => {
    const long = 'a'.repeat(41);
    expect(termsText(`${long} ok`)).toBe('ok');
  });
});
