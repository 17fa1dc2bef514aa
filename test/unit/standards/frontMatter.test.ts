import { describe, expect, it } from 'vitest';
import { flag, globList, splitFrontMatter } from '../../../src/core/standards/frontMatter';

describe('splitFrontMatter', () => {
  it('parses Copilot applyTo (comma-separated string)', () => {
    const fm = splitFrontMatter('---\napplyTo: "**/*.ts,**/*.tsx"\n---\nBody');
    expect(fm.data).toEqual({ applyTo: '**/*.ts,**/*.tsx' });
    expect(globList(fm.data.applyTo)).toEqual(['**/*.ts', '**/*.tsx']);
    expect(fm.body).toBe('Body');
    expect(fm.lines).toBe(3);
  });

  it('parses Continue globs as a block list and alwaysApply as a boolean', () => {
    const fm = splitFrontMatter('---\nname: Tests\nglobs:\n  - "**/*.test.ts"\n  - src/**/*.spec.ts # specs\nalwaysApply: false\n---\n');
    expect(fm.data).toEqual({ name: 'Tests', globs: ['**/*.test.ts', 'src/**/*.spec.ts'], alwaysApply: false });
  });

  it('parses Cursor globs written unquoted (not valid YAML, but what Cursor writes)', () => {
    const fm = splitFrontMatter('---\ndescription: Python style\nglobs: *.py, scripts/**/*.py\nalwaysApply: true\n---\nx');
    expect(globList(fm.data.globs)).toEqual(['*.py', 'scripts/**/*.py']);
    expect(fm.data.alwaysApply).toBe(true);
    expect(fm.data.description).toBe('Python style');
  });

  it('parses flow lists, keeping commas inside braces', () => {
    const fm = splitFrontMatter("---\nglobs: ['src/**/*.{ts,tsx}', \"lib/*.js\"]\n---\n");
    expect(globList(fm.data.globs)).toEqual(['src/**/*.{ts,tsx}', 'lib/*.js']);
    expect(globList('src/*.{ts,tsx}, *.md')).toEqual(['src/*.{ts,tsx}', '*.md']);
  });

  it('parses empty values, folded and literal blocks, quotes and comments', () => {
    const text = [
      '---',
      '# a comment',
      'description:',
      'globs:',
      'summary: >',
      '  folded',
      '  text',
      'notes: |',
      '  line one',
      '  line two',
      "quoted: 'it''s # not a comment'",
      'flag: "true"',
      'nested:',
      '  key: value',
      '---',
      'body',
    ].join('\n');
    const { data, body } = splitFrontMatter(text);
    expect(data.description).toBe('');
    expect(data.globs).toBe('');
    expect(data.summary).toBe('folded text');
    expect(data.notes).toBe('line one\nline two');
    expect(data.quoted).toBe("it's # not a comment");
    expect(flag(data.flag)).toBe(true);
    expect(flag(data.summary)).toBeUndefined();
    expect(body).toBe('body');
  });

  it('treats a document without a closing delimiter, or not starting with ---, as having none', () => {
    expect(splitFrontMatter('---\napplyTo: x\nno end').lines).toBe(0);
    expect(splitFrontMatter('# Title\n---\n').data).toEqual({});
  });
});
