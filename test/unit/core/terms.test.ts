import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { searchText, splitIdentifier, TermCache, termsOf, termsText } from '../../../src/core/terms';

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

  it('TermCache gives exactly termsText, across texts that share identifiers', () => {
    const cache = new TermCache();
    const sources = [readFileSync('src/core/terms.ts', 'utf8'), readFileSync('src/core/index/store.ts', 'utf8'), `$ _ __x__ a${'b'.repeat(45)} HTMLParser2x`];
    for (const text of [...sources, ...sources]) expect(cache.termsText(text)).toBe(termsText(text));
  });

  it('writes the terms column stemmed (Porter2), so that inflections of a word share one term', () => {
    expect(termsText('parseConfigurations')).toBe('pars configur parseconfigur');
    expect(termsText('parsing the configuration')).toBe('pars configur');
    // Stemming is per term, after splitting: the split terms, not the identifier, are stemmed.
    expect(termsOf('parseConfigurations')).toEqual(['parse', 'configurations', 'parseconfigurations']);
  });

  it('stems query terms exactly as the index stems its terms', () => {
    const words = ['files', 'file', 'resolved', 'resolving', 'caching', 'cached', 'http', 'utf'];
    expect(searchText(words)).toBe(termsText(words.join(' ')));
    expect(searchText(['files', 'resolving'])).toBe('file resolv');
  });

  it("leaves out LanceDB's English stop words after stemming, in the columns and in queries alike", () => {
    expect(termsText('isValid = this.items.has(key) || theirs')).toBe('valid isvalid item has key');
    expect(searchText(['the', 'files', 'ands', 'into', 'thing'])).toBe('file thing');
    expect(new TermCache().termsText('if (isValid) return this')).toBe(termsText('if (isValid) return this'));
  });
});
