import { describe, expect, it } from 'vitest';
import { postProcess, type PostProcessInput } from '../../../src/core/complete/postprocess';
import { codeNearEnd, cursorPlace } from '../../../src/core/complete/lexical';
import { LruCache, completionCacheKey } from '../../../src/core/complete/cache';

const run = (over: Partial<PostProcessInput> & Pick<PostProcessInput, 'completion' | 'prefix' | 'suffix'>) =>
  postProcess({ language: 'typescript', stop: [], mode: 'qwen', ...over });

describe('post-processing: suffix overlap', () => {
  it('drops the auto-closed paren the model repeated', () => {
    expect(run({ prefix: 'const m = Math.max(', suffix: ')\n', completion: 'a, b)' })).toBe('a, b');
  });

  it('keeps a paren the completion itself opened', () => {
    expect(run({ prefix: 'const m = Math.max(', suffix: ')\n', completion: 'f(a)' })).toBe('f(a)');
  });

  it('drops the rest of the line when the model re-typed it', () => {
    expect(run({ prefix: 'if (', suffix: ') {\n  go();\n}\n', completion: 'ready && !busy) {' })).toBe('ready && !busy');
    expect(run({ prefix: 'const x = ', suffix: ';\n', completion: 'compute();' })).toBe('compute()');
  });

  it('shows nothing when the model only echoes the line typed before the cursor', () => {
    // Right after `return result;` was accepted, VS Code asks again at the line's end.
    expect(run({ prefix: 'function f() {\n  return result;', suffix: '\n}\n', completion: 'return result;' })).toBeUndefined();
    expect(run({ prefix: 'function f() {\n  return result;', suffix: '\n}\n', completion: ' return result;\n  f();' })).toBeUndefined();
    // Repeating a word or the start of the line is not an echo.
    expect(run({ prefix: 'i++;', suffix: '\n', completion: ' j++;' })).toBe(' j++;');
  });

  it('drops following lines the suffix already has', () => {
    const prefix = 'function f(a: number) {\n  ';
    const suffix = '\n  return total;\n}\n';
    expect(run({ prefix, suffix, completion: 'const total = a * 2;\n  return total;' })).toBe('const total = a * 2;');
  });
});

describe('post-processing: brackets and block end', () => {
  it('stops where the completion closes the enclosing block the suffix already closes', () => {
    const prefix = 'function f() {\n  ';
    const suffix = '\n}\n\nexport const g = 1;\n';
    const completion = 'const a = load();\n  return a;\n}\n\nfunction h() {\n  return 2;\n}';
    expect(run({ prefix, suffix, completion })).toBe('const a = load();\n  return a;');
  });

  it('may close a block the suffix does not close (unbalanced document)', () => {
    const prefix = 'function f() {\n  if (ok) {\n    ';
    const suffix = '\n}\n';
    const completion = 'run();\n  }\n  return 1;\n}';
    expect(run({ prefix, suffix, completion })).toBe('run();\n  }\n  return 1;');
  });

  it('ignores brackets inside strings and comments', () => {
    const prefix = 'function f() {\n  ';
    const suffix = '\n}\n';
    expect(run({ prefix, suffix, completion: 'log("}) done"); // }\n  return 1;' })).toBe('log("}) done"); // }\n  return 1;');
  });

  it('Python: stops at the dedent that ends the block', () => {
    const prefix = 'def total(items):\n    ';
    const completion = 'return sum(i.price for i in items)\n\ndef other():\n    pass';
    expect(run({ language: 'python', prefix, suffix: '\n', completion })).toBe('return sum(i.price for i in items)');
  });

  it('Python: a completion for a block header ends at the first line back at its level', () => {
    const prefix = 'class A:\n    def f(self):';
    const completion = '\n        return 1\n    def g(self):\n        return 2';
    expect(run({ language: 'python', prefix, suffix: '\n', completion })).toBe('\n        return 1');
  });
});

describe('post-processing: indentation, lines, stops', () => {
  it('does not double the indentation of a blank line', () => {
    expect(run({ prefix: 'if (a) {\n    ', suffix: '\n}', completion: '    go();' })).toBe('go();');
  });

  it('chat replies: fences stripped, repeated line prefix removed, relative indentation re-based', () => {
    const prefix = 'function f() {\n  if (a) {\n    ';
    const completion = '```ts\nfor (const x of xs) {\n  use(x);\n}\n```';
    expect(run({ mode: 'chat', prefix, suffix: '\n  }\n}\n', completion })).toBe('for (const x of xs) {\n      use(x);\n    }');
    expect(run({ mode: 'chat', prefix: '  const total = ', suffix: '\n', completion: 'const total = a + b;' })).toBe('a + b;');
  });

  it('mid-line cursor: one line only', () => {
    expect(run({ prefix: 'call(', suffix: 'x, y);\n', completion: 'first, \nsecond' })).toBe('first,');
  });

  it('cuts at stop sequences and returns nothing for whitespace', () => {
    expect(run({ prefix: 'x = ', suffix: '\n', completion: '1<|file_sep|>junk', stop: ['<|file_sep|>'] })).toBe('1');
    expect(run({ prefix: 'x = ', suffix: '\n', completion: '  \n ' })).toBeUndefined();
  });
});

describe('cursor place', () => {
  it.each([
    ['typescript', 'const a = 1; // note ', 'comment'],
    ['typescript', '/* start\n still ', 'comment'],
    ['typescript', '/* done */ const b = ', 'code'],
    ['typescript', 'const s = "abc ', 'string'],
    ['typescript', 'const t = `line\nmore ', 'string'],
    ['typescript', 'const s = "a";\nconst n = ', 'code'],
    ['python', 'x = 1  # why ', 'comment'],
    ['python', 'doc = """start\nstill ', 'string'],
    ['python', 'doc = """a"""\ny = ', 'code'],
    ['rust', "fn f<'a>(x: &'a str) -> ", 'code'],
  ])('%s %j → %s', (language, prefix, place) => {
    expect(cursorPlace(prefix, language)).toBe(place);
  });
});

describe('completion cache', () => {
  it('evicts the least recently used entry and keys by prefix/suffix', () => {
    const cache = new LruCache<string>(2);
    cache.set('a', '1');
    cache.set('b', '2');
    cache.get('a');
    cache.set('c', '3');
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('1');
    const k = (prefix: string, suffix: string) => completionCacheKey({ model: 'm', mode: 'qwen', path: 'p.ts', prefix, suffix });
    expect(k('ab', 'c')).toBe(k('ab', 'c'));
    expect(k('ab', 'c')).not.toBe(k('a', 'bc'));
  });
});

describe('excluded files', () => {
  it('leaves out secrets files, generated files and configured excludes', async () => {
    const { excludedFromIndex } = await import('../../../src/core/complete/exclude');
    expect(excludedFromIndex('.env', [])).toBe(true);
    expect(excludedFromIndex('config/prod.pem', [])).toBe(true);
    expect(excludedFromIndex('dist/app.min.js', [])).toBe(true);
    expect(excludedFromIndex('vendor/lib.ts', ['vendor/**'])).toBe(true);
    expect(excludedFromIndex('src/app.ts', ['vendor/**'])).toBe(false);
  });
});

describe('the code near the cursor, for the names a completion looks up', () => {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  it('blanks Python docstrings and comments, keeping line breaks', () => {
    const doc = '"""Check that s is a leaf."""';
    const text = `def f(s):\n    ${doc}\n    # render it\n    check(s)\n`;
    expect(codeNearEnd(text, 'python', text.length)).toBe(`def f(s):\n    ${blank(doc)}\n    ${blank('# render it')}\n    check(s)\n`);
  });

  it('blanks TypeScript strings, line and block comments and template literals across lines', () => {
    const text = 'const a = "that"; // render\n/* more\nwords */ run(a, `tmpl\nstill`);';
    expect(codeNearEnd(text, 'typescript', text.length)).toBe(
      `const a = ${blank('"that"')}; ${blank('// render')}\n${blank('/* more')}\n${blank('words */')} run(a, ${blank('`tmpl')}\n${blank('still`')});`,
    );
  });

  it('returns only the end asked for, read from a line start so that a docstring opened earlier counts', () => {
    const text = 'doc = """one\ntwo three\nfour"""\ncall(x)';
    const end = codeNearEnd(text, 'python', 12);
    expect(end).toHaveLength(12);
    expect(end.trimStart()).toBe('call(x)');
  });
});
