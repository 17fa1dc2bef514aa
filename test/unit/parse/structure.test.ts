import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/log';
import { languageForFile, languageForPath, LANGUAGES } from '../../../src/core/parse/languages';
import { createFileParser } from '../../../src/core/parse/parser';
import { grammarDir } from '../../support/grammars';
import { summarize } from './summary';

const parser = createFileParser({ grammarDir: grammarDir(), logger: silentLogger });
afterAll(() => parser.dispose());

const lines = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i)).join('\n');
const tsMethod = (i: number) =>
  `  /** Adds ${i}. */\n  add${i}(x: number): number {\n${lines(8, (k) => `    x += ${k};`)}\n    return x;\n  }\n`;

describe('JavaScript wrapped whole in a function called at once', () => {
  const filler = (name: string) => Array.from({ length: 30 }, (_, i) => `    var ${name}${i} = ${i};`).join('\n');
  it('reads inside an IIFE and a UMD factory', async () => {
    const iife = `(function () {\n  'use strict';\n\n  function debounce(fn, wait) {\n${filler('d')}\n    return fn;\n  }\n\n  function throttle(fn, wait) {\n${filler('t')}\n    return fn;\n  }\n})();\n`;
    const chunks = summarize(await parser.parse('lib/timing.js', iife)).chunks;
    expect(chunks).toEqual(expect.arrayContaining(['function debounce 4-36', 'function throttle 38-70']));
    const umd = `(function (root, factory) {\n  if (typeof define === 'function') define([], factory);\n  else root.lib = factory();\n}(this, function () {\n  function parse(text) {\n${filler('p')}\n    return text;\n  }\n\n  var api = { parse: parse };\n${filler('a')}\n  return api;\n}));\n`;
    const umdChunks = summarize(await parser.parse('lib/umd.js', umd)).chunks;
    expect(umdChunks).toContain('function parse 5-37');
    // Rollup's UMD output: the factory in parentheses (magic-string.umd.js)
    const rollup = `(function (global, factory) {\n  global.MagicString = factory();\n})(this, (function () { 'use strict';\n\n  class BitSet {\n    add(n) {\n${filler('b')}\n    }\n    has(n) {\n${filler('h')}\n    }\n  }\n\n  return BitSet;\n\n}));\n`;
    const rollupChunks = summarize(await parser.parse('dist/magic-string.umd.js', rollup)).chunks;
    expect(rollupChunks).toEqual(expect.arrayContaining(['class BitSet 5-70', 'method BitSet.add (in BitSet) 6-37', 'method BitSet.has (in BitSet) 38-69']));
  });

  it('keeps the modules a bundle passes to its loader, which the walk does not reach, as module chunks', async () => {
    const loader = Array.from({ length: 70 }, (_, i) => `  var l${i} = ${i};`).join('\n');
    const mod = Array.from({ length: 40 }, (_, i) => `  exports.reload${i} = function () { return connect(${i}); };`).join('\n');
    const text = `(function e(t, n, r) {\n${loader}\n  return e;\n})({1: [function (require, module, exports) {\n${mod}\n}, {}]}, {}, [1]);\n`;
    const parsed = await parser.parse('livereload.js', text);
    const covered = new Set(parsed.chunks.flatMap((c) => Array.from({ length: c.endLine - c.startLine + 1 }, (_, k) => c.startLine + k)));
    // every line of the module's code is in some chunk
    for (let line = 74; line <= 113; line++) expect(covered.has(line), `line ${line}`).toBe(true);
    expect(parsed.chunks.some((c) => c.text.includes('exports.reload39'))).toBe(true);
  });

  it('keeps a short call as it was: one module chunk', async () => {
    const chunks = summarize(await parser.parse('lib/small.js', '(function () {\n  function a() { return 1; }\n})();\n')).chunks;
    expect(chunks).toEqual(['module - 1-3']);
  });
});

describe('JavaScript and TypeScript APIs written as object literals', () => {
  const body = lines(12, (i) => `    const v${i} = ${i};`);
  it('gives module.exports = { … } functions chunks of their own, named by their keys', async () => {
    const text = `'use strict';\n\nmodule.exports = {\n  /**\n   * Parse a date string.\n   */\n  parseDate(text) {\n${body}\n    return new Date(text);\n  },\n\n  formatDate: function (date) {\n${body}\n    return date.toISOString();\n  },\n\n  isValid: (date) => !isNaN(date),\n\n  VERSION: '1.0',\n};\n`;
    const { chunks } = summarize(await parser.parse('lib/dates.js', text));
    expect(chunks).toEqual(expect.arrayContaining(['function parseDate 4-21', 'function formatDate 23-37', 'function isValid 39-39', 'module - 41-41']));
  });

  it('reads const api = { … } as a class: a skeleton plus one chunk per function member', async () => {
    const text = `export const api = {\n  async fetchUser(id: string) {\n${body}\n    return id;\n  },\n  removeUser: async (id: string) => {\n${body}\n    return id;\n  },\n  retries: 3,\n} as const;\n\nconst plain = { a: 1, b: 2 };\n`;
    const parsed = await parser.parse('src/api.ts', text);
    expect(summarize(parsed).chunks).toEqual([
      'class api 1-33',
      'method api.fetchUser (in api) 2-16',
      'method api.removeUser (in api) 17-31',
      'module - 35-35',
    ]);
    // The symbols table names the members as the chunks do.
    expect(summarize(parsed).symbols).toEqual(expect.arrayContaining(['method api.fetchUser 2-16', 'method api.removeUser 17-31']));
    const skeleton = parsed.chunks[0]?.text ?? '';
    expect(skeleton).toContain('  retries: 3,');
    expect(skeleton).not.toContain('const v3');
  });

  it("reads a module's export default { … } as the module's own functions, and an object of functions inside an API as a class of its own", async () => {
    // A Cloudflare-style worker: `fetch` is the module's.
    const worker = `export default {\n  async fetch(request: Request): Promise<Response> {\n${body}\n    return new Response('ok');\n  },\n  async scheduled(event: Event) {\n${body}\n  },\n};\n`;
    expect(summarize(await parser.parse('src/index.ts', worker)).chunks).toEqual(['function fetch 2-16', 'function scheduled 17-30']);
    const nested = `const api = {\n  users: {\n    get(id) {\n${body}\n      return id;\n    },\n  },\n  ping() {\n${body}\n  },\n};\n`;
    const parsed = await parser.parse('lib/api.js', nested);
    expect(summarize(parsed).chunks).toEqual(expect.arrayContaining(['class api 1-33', 'class api.users (in api) 2-18', 'method api.users.get (in users) 3-17', 'method api.ping (in api) 19-32']));
    expect(summarize(parsed).symbols).toEqual(expect.arrayContaining(['method users.get 3-17', 'method api.ping 19-32']));
    // A config with functions deep inside is not an API.
    const config = `export default defineConfig({\n  build: {\n    rollupOptions: {\n      output: {\n        manualChunks(id) {\n${body}\n        },\n      },\n    },\n  },\n});\n`;
    expect(summarize(await parser.parse('vite.config.ts', config)).chunks).toEqual(['module - 1-22']);
  });
});

describe('Vue and Svelte single-file components', () => {
  const body = lines(6, (i) => `      this.n += ${i};`);
  it("reads a component's scripts with their grammar: the Options API object is a class named after the component, its methods/computed members are its own", async () => {
    const text = `<template>\n  <p>{{ n }}</p>\n</template>\n\n<script>\nexport default {\n  data() {\n    return { n: 0 };\n  },\n  computed: {\n    doubled() {\n      return this.n * 2;\n    },\n  },\n  methods: {\n    bump() {\n${body}\n    },\n  },\n};\n</script>\n`;
    const parsed = await parser.parse('src/components/Clicker.vue', text);
    expect(parsed.language).toBe('vue');
    const { chunks, symbols } = summarize(parsed);
    expect(chunks).toEqual(expect.arrayContaining(['class Clicker 6-25', 'method Clicker.data (in Clicker) 7-9', 'method Clicker.doubled (in Clicker) 11-13', 'method Clicker.bump (in Clicker) 16-23']));
    expect(symbols).toEqual(expect.arrayContaining(['method Clicker.doubled 11-13', 'method Clicker.bump 16-23']));
    // The skeleton keeps the option groups' member signatures and collapses their bodies.
    const skeleton = parsed.chunks.find((c) => c.symbol === 'Clicker')?.text ?? '';
    expect(skeleton).toContain('    bump() {');
    expect(skeleton).not.toContain('this.n += 3');
    // The template is searchable text.
    expect(parsed.chunks.some((c) => c.text.includes('<p>{{ n }}</p>'))).toBe(true);
  });

  it('names index.vue and SvelteKit route files after their folder, reads a Pinia store, and leaves template scripts and script-less components as text', async () => {
    const store = `<script lang="ts">\nexport default defineStore('cart', {\n  actions: {\n    add(item: string) {\n${body}\n    },\n  },\n});\n</script>\n`;
    expect(summarize(await parser.parse('src/views/Cart/index.vue', store)).chunks).toContain('method Cart.add (in Cart) 4-11');
    const route = `<script lang="ts">\n  export function load() {\n    return { ok: true };\n  }\n\n  function helper(x: number): number {\n    return x;\n  }\n</script>\n\n<h1>Hi</h1>\n`;
    const parsed = await parser.parse('src/routes/about/+page.svelte', route);
    expect(parsed.language).toBe('svelte');
    expect(summarize(parsed).chunks).toEqual(expect.arrayContaining(['function load 2-4', 'function helper 6-8']));
    const template = `<template>\n  <div>\n    <p>a</p>\n    <p>b</p>\n  </div>\n</template>\n<script type="text/x-template" id="row">\n  <tr><td>{{ x }}</td></tr>\n</script>\n`;
    const plain = await parser.parse('src/Row.vue', template);
    expect(plain.language).toBe('vue');
    expect(plain.symbols).toEqual([]);
    expect(plain.chunks.map((c) => c.text).join('\n')).toContain('<tr><td>{{ x }}</td></tr>');
  });
});

describe('class fields holding functions', () => {
  it('are methods, in chunks and symbols alike (TypeScript and JavaScript)', async () => {
    const ts = 'export class Request {\n  private _onResponse = async (response: Response): Promise<void> => {\n    const a = 1;\n    const b = 2;\n    return;\n  };\n\n  timeout = 5;\n}\n';
    const parsedTs = summarize(await parser.parse('source/request.ts', ts));
    expect(parsedTs.chunks).toEqual(['class Request 1-9', 'method Request._onResponse (in Request) 2-6']);
    expect(parsedTs.symbols).toContain('method Request._onResponse 2-6');
    const js = 'class Button {\n  onClick = () => {\n    go();\n  };\n}\n';
    const parsedJs = summarize(await parser.parse('src/button.js', js));
    expect(parsedJs.chunks).toContain('method Button.onClick (in Button) 2-4');
    expect(parsedJs.symbols).toContain('method Button.onClick 2-4');
  });
});

describe('definitions inside guard statements', () => {
  it("reads Python's try/except ImportError and version checks inside, and leaves a main guard whole", async () => {
    const text = [
      'import sys',
      '',
      'try:',
      '    import simplejson as json',
      '',
      '    def dumps(obj):',
      '        return json.dumps(obj, use_decimal=True)',
      '',
      'except ImportError:',
      '    import json',
      '',
      '    def dumps(obj):',
      '        return json.dumps(obj)',
      '',
      'if sys.version_info >= (3, 8):',
      '    class Frozen:',
      '        def get(self):',
      '            return 1',
      'else:',
      '    def cached(func):',
      '        return func',
      '',
      'if __name__ == "__main__":',
      '    dumps({})',
      '',
    ].join('\n');
    const { chunks } = summarize(await parser.parse('compat.py', text));
    expect(chunks).toEqual(
      expect.arrayContaining(['function dumps 6-7', 'function dumps 12-13', 'class Frozen 16-18', 'method Frozen.get (in Frozen) 17-18', 'function cached 20-21']),
    );
    // The condition lines and the statements around the definitions are module chunks; the main guard stays one.
    expect(chunks).toEqual(expect.arrayContaining(['module - 9-10', 'module - 15-15', 'module - 23-24']));
  });

  it("reads PHP's if (!function_exists(...)) helpers, Ruby's begin/rescue, C#'s #if around a file and a class's members, and Bash's if/else inside", async () => {
    const php = "<?php\n\nif (! function_exists('app')) {\n    /**\n     * Get the container.\n     */\n    function app($abstract = null)\n    {\n        return Container::getInstance();\n    }\n}\n\nif (! function_exists('value')):\n    function value($v) { return $v; }\nendif;\n";
    expect(summarize(await parser.parse('helpers.php', php)).chunks).toEqual(expect.arrayContaining(['function app 4-10', 'function value 14-14']));
    const ruby = "begin\n  require 'oj'\n  def fast_parse(s)\n    Oj.load(s)\n  end\nrescue LoadError\n  def fast_parse(s)\n    JSON.parse(s)\n  end\nend\n\nunless defined?(Foo)\n  class Foo\n    def bar; end\n  end\nend\n";
    expect(summarize(await parser.parse('compat.rb', ruby)).chunks).toEqual(
      expect.arrayContaining(['function fast_parse 3-5', 'function fast_parse 7-9', 'class Foo 13-15']),
    );
    const csharp = '#if HAVE_BINARY\nusing System;\n\nnamespace Json.Converters\n{\n    public class BinaryConverter\n    {\n        public void WriteJson(object value)\n        {\n            Write(value);\n        }\n\n#if HAVE_LINQ\n        private void AsString(int x)\n        {\n            var y = x;\n        }\n#else\n        private void Fallback(int x)\n        {\n            var y = x;\n        }\n#endif\n    }\n}\n#endif\n';
    expect(summarize(await parser.parse('Conv.cs', csharp)).chunks).toEqual([
      'module - 1-2',
      'class BinaryConverter 6-24',
      'method BinaryConverter.WriteJson (in BinaryConverter) 8-11',
      'method BinaryConverter.AsString (in BinaryConverter) 14-17',
      'method BinaryConverter.Fallback (in BinaryConverter) 19-22',
    ]);
    const bash = 'if [ -n "$ZSH_VERSION" ]; then\n  my_fn() {\n    echo zsh\n  }\nelse\n  my_fn() {\n    echo bash\n  }\nfi\n';
    expect(summarize(await parser.parse('env.sh', bash)).chunks).toEqual(expect.arrayContaining(['function my_fn 2-4', 'function my_fn 6-8']));
  });
});

describe('Rust impl blocks', () => {
  it("keeps a trait impl's header with its associated types in a chunk, and names impls on references, slices and tuples", async () => {
    const text = [
      'pub struct Path<T>(pub T);',
      '',
      'impl<T, S> FromRequestParts<S> for Path<T>',
      'where',
      '    T: DeserializeOwned + Send,',
      '{',
      '    type Rejection = PathRejection;',
      '',
      '    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {',
      '        todo!()',
      '    }',
      '}',
      '',
      "impl IntoResponse for &'static [u8] {",
      '    fn into_response(self) -> Response {',
      '        todo!()',
      '    }',
      '}',
      '',
      "impl<'a> IntoIterator for &'a mut RawPathParams {",
      '    fn into_iter(self) -> Iter<\'a> {',
      '        todo!()',
      '    }',
      '}',
      '',
      'impl<T> Path<T> {',
      '    pub fn into_inner(self) -> T {',
      '        self.0',
      '    }',
      '}',
      '',
    ].join('\n');
    const parsed = await parser.parse('src/extract/path.rs', text);
    const { chunks, symbols } = summarize(parsed);
    expect(chunks).toEqual(
      expect.arrayContaining(['module - (in Path) 3-7', 'method Path.from_request_parts (in Path) 9-11', 'method [u8].into_response (in [u8]) 15-17', 'method RawPathParams.into_iter (in RawPathParams) 21-23']),
    );
    expect(parsed.chunks.find((c) => c.startLine === 3)?.text).toContain('type Rejection = PathRejection;');
    // A plain impl's one-line header says nothing of its own: no chunk for it.
    expect(chunks).not.toContain('module - (in Path) 26-26');
    expect(symbols).toEqual(expect.arrayContaining(['method [u8].into_response 15-17', 'method RawPathParams.into_iter 21-23']));
  });
});

describe('C# symbols', () => {
  it('records calls without a receiver and defines structs, records, enums, delegates, constructors and properties', async () => {
    const text = 'namespace N\n{\n    public struct Point { public int X; }\n    public record Money(decimal Amount);\n    public enum LoopHandling { Error, Ignore }\n    public delegate void Handler(object o);\n    public class Writer\n    {\n        public Writer() { Init(); }\n        public int Depth { get; set; }\n        private void Init() { Check<int>(1); }\n        private bool Check<T>(T x) { return true; }\n    }\n}\n';
    const parsed = await parser.parse('Writer.cs', text);
    expect(summarize(parsed).symbols).toEqual(
      expect.arrayContaining(['class Point 3-3', 'class Money 4-4', 'enum LoopHandling 5-5', 'type Handler 6-6', 'method Writer.Writer 9-9', 'field Writer.Depth 10-10']),
    );
    expect(parsed.references).toEqual(expect.arrayContaining([{ name: 'Init', line: 9 }, { name: 'Check', line: 11 }]));
  });
});

describe('class skeletons', () => {
  it("keep a member's doc comment to its first lines: the member's own chunk holds it whole", async () => {
    const text = [
      'public class JsonConvert',
      '{',
      '    /// <summary>',
      '    /// Serializes the specified object to a JSON string.',
      '    /// </summary>',
      '    /// <param name="value">The object to serialize.</param>',
      '    /// <returns>A JSON string.</returns>',
      '    public static string SerializeObject(object value)',
      '    {',
      '        var a = 1;',
      '        var b = 2;',
      '        return Write(value);',
      '    }',
      '',
      '    /**',
      '     * Reads a value.',
      '     * @param reader the reader',
      '     * @return the value',
      '     */',
      '    public static object Read(object reader)',
      '    {',
      '        var a = 1;',
      '        var b = 2;',
      '        return reader;',
      '    }',
      '}',
      '',
    ].join('\n');
    const parsed = await parser.parse('JsonConvert.cs', text);
    expect(parsed.chunks[0]?.text).toBe(
      [
        'public class JsonConvert',
        '{',
        '    /// <summary>',
        '    /// Serializes the specified object to a JSON string.',
        '    …',
        '    public static string SerializeObject(object value)',
        '    …',
        '    }',
        '',
        '    /**',
        '     * Reads a value.',
        '     …',
        '     */',
        '    public static object Read(object reader)',
        '    …',
        '    }',
        '}',
      ].join('\n'),
    );
    expect(parsed.chunks.find((c) => c.symbol === 'JsonConvert.SerializeObject')?.text).toContain('<returns>A JSON string.</returns>');
  });
});

describe('Bash', () => {
  it('finds the functions of a script wrapped whole in braces', async () => {
    const text = '{ # this ensures the entire script is downloaded #\n\nnvm_echo() {\n  command printf %s\\\\n "$*"\n}\n\nnvm_resolve_alias() {\n  nvm_echo "$1"\n}\n\nnvm_echo hi\n\n} # this ensures the entire script is downloaded #\n';
    const { chunks } = summarize(await parser.parse('nvm.sh', text));
    expect(chunks).toEqual(expect.arrayContaining(['function nvm_echo 3-5', 'function nvm_resolve_alias 7-9']));
  });
});

describe('Ruby', () => {
  it("names the methods of class << self after the class, as def self.x is, in chunks and symbols alike", async () => {
    const body = (name: string) => `    def ${name}(verb, path)\n${Array.from({ length: 12 }, (_, i) => `      x${i} = ${i}`).join('\n')}\n    end\n`;
    const text = `module Sinatra\n  class Base\n    def self.reset!\n      @routes = {}\n    end\n\n    class << self\n${body('compile!')}\n${body('route')}\n    end\n  end\nend\n`;
    const parsed = await parser.parse('lib/sinatra/base.rb', text);
    const symbols = summarize(parsed).chunks.map((c) => c.split(' ')[1]);
    expect(symbols).toEqual(expect.arrayContaining(['Sinatra.Base.reset!', 'Sinatra.Base.compile!', 'Sinatra.Base.route']));
    expect(symbols.some((s) => s?.includes('.self.'))).toBe(false);
    // and no second, partial skeleton named after `self`
    expect(symbols.some((s) => s?.endsWith('.self'))).toBe(false);
    expect(parsed.symbols.filter((s) => s.name === 'compile!').map((s) => s.container)).toEqual(['Base']);
  });

  it('makes no chunk of a module that only wraps a class, and gives its comment to the class', async () => {
    const text = '# frozen_string_literal: true\n\nmodule Jekyll\n  # The site.\n  class Site\n    def process\n      reset\n    end\n  end\nend\n';
    expect(summarize(await parser.parse('lib/jekyll/site.rb', text)).chunks).toEqual([
      'module - 1-1',
      'class Jekyll.Site (in Jekyll) 4-9',
      'method Jekyll.Site.process (in Site) 6-8',
    ]);
  });
});

describe('a class the grammar could not finish', () => {
  it("keeps its methods in it when the class's whole declaration is an ERROR node (Kotlin: a primary constructor on the next line)", async () => {
    const text = [
      'package demo',
      '',
      '/** Reads tokens. */',
      'public sealed class Reader : Closeable {',
      '  protected var depth: Int = 0',
      '',
      '  public fun beginArray() {',
      '    depth++',
      '    check(depth < 256)',
      '  }',
      '',
      '  public fun endArray() {',
      '    depth--',
      '    check(depth >= 0)',
      '  }',
      '',
      '  public class Options',
      '  private constructor(',
      '    internal val strings: Array<out String>,',
      '  ) {',
      '    public fun strings(): List<String> {',
      '      return strings.toList()',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n');
    const parsed = await parser.parse('src/Reader.kt', text);
    const { chunks, symbols } = summarize(parsed);
    expect(chunks).toEqual(expect.arrayContaining(['class Reader 3-25', 'method Reader.beginArray (in Reader) 7-10', 'method Reader.endArray (in Reader) 12-15']));
    expect(symbols).toEqual(expect.arrayContaining(['method Reader.beginArray 7-10', 'method Reader.endArray 12-15']));
    // Nothing is lost: every line of text is in some chunk.
    const all = parsed.chunks.map((c) => c.text).join('\n');
    for (const line of ['return strings.toList()', 'protected var depth: Int = 0']) expect(all).toContain(line);
  });
});

describe('Kotlin extension functions', () => {
  it('names them after their receiver type, as methods of it, in chunks and symbols alike', async () => {
    const text = 'package okio\n\ninternal inline fun Buffer.commonReadUtf8Line(): String? {\n  return null\n}\n\nfun <T> List<T>.second(): T = this[1]\n\nfun String?.orBlank(): String = this ?: ""\n\nfun plain(x: Int): Int = x\n';
    const parsed = await parser.parse('okio/Buffer.kt', text);
    const { chunks } = summarize(parsed);
    expect(chunks).toEqual(expect.arrayContaining(['method Buffer.commonReadUtf8Line (in Buffer) 3-5', 'method List.second (in List) 7-7', 'method String.orBlank (in String) 9-9', 'function plain 11-11']));
    const symbols = parsed.symbols.map((s) => `${s.kind} ${s.container ?? '-'}.${s.name}`);
    expect(symbols).toEqual(expect.arrayContaining(['method Buffer.commonReadUtf8Line', 'method List.second', 'method String.orBlank', 'function -.plain']));
  });
});

describe('Swift', () => {
  it("reads code under #if branches and around macros, names an extension's methods after the type, and a computed property as a function", async () => {
    const text = [
      'import Foundation',
      '#if canImport(FoundationNetworking)',
      'import FoundationNetworking',
      '#endif',
      '',
      'public final class Uploader {',
      '    #if os(iOS)',
      '    func background(file: StaticString = #filePath) {',
      '        print(file)',
      '    }',
      '    #else',
      '    func foreground() {',
      '        print("fg")',
      '    }',
      '    #endif',
      '',
      '    var isIdle: Bool {',
      '        return true',
      '    }',
      '}',
      '',
      'extension Uploader: CustomStringConvertible {',
      '    var description: String { "Uploader" }',
      '    func cancel() {',
      '        print("cancel")',
      '    }',
      '}',
      '',
      '#Preview {',
      '    Text("Hello")',
      '}',
      '',
    ].join('\n');
    const parsed = await parser.parse('Sources/Uploader.swift', text);
    expect(parsed.warnings).toEqual([]);
    const { chunks, symbols } = summarize(parsed);
    expect(chunks).toEqual(expect.arrayContaining([
      'method Uploader.background (in Uploader) 8-10',
      'method Uploader.foreground (in Uploader) 12-14',
      'method Uploader.isIdle (in Uploader) 17-19',
      'method Uploader.cancel (in Uploader) 24-26',
    ]));
    expect(symbols).toEqual(expect.arrayContaining(['method Uploader.background 8-10', 'method Uploader.cancel 24-26', 'method Uploader.description 23-23']));
    // The directives and the macro stay in the chunks' text, as written.
    expect(parsed.chunks.map((c) => c.text).join('\n')).toContain('#Preview {');
    expect(parsed.chunks.find((c) => c.symbol === 'Uploader.background')?.text).toContain('= #filePath');
  });
});

describe('C++ in .h headers', () => {
  const CPP_HEADER = `#pragma once\n#include <mutex>\n\nnamespace spdlog {\nnamespace sinks {\n\ntemplate <typename Mutex>\nclass rotating_file_sink final : public base_sink<Mutex> {\npublic:\n    void rotate_();\n\nprivate:\n    std::size_t max_size_;\n};\n\n}  // namespace sinks\n}  // namespace spdlog\n`;
  const C_HEADER = `#ifndef UTIL_H\n#define UTIL_H\n#include <stdio.h>\n#ifdef __cplusplus\nextern "C" {\n#endif\n\nstruct buffer {\n    char *data;\n    int class_count;\n};\n\nint buffer_grow(struct buffer *b, size_t n);\n\n#ifdef __cplusplus\n}\n#endif\n#endif\n`;

  it('reads a .h header as C++ when its text says so, as C otherwise', () => {
    expect(languageForFile('include/spdlog/sinks/rotating_file_sink.h', CPP_HEADER)).toBe('cpp');
    expect(languageForFile('src/util.h', C_HEADER)).toBe('c');
    expect(languageForFile('src/util.c', CPP_HEADER)).toBe('c'); // only headers are guessed
    expect(languageForFile('src/a.hpp', C_HEADER)).toBe('cpp');
  });

  it("parses a C++ header with the C++ grammar: its class is a chunk of its own, named", async () => {
    const parsed = await parser.parse('include/spdlog/sinks/rotating_file_sink.h', CPP_HEADER);
    expect(parsed.language).toBe('cpp');
    expect(summarize(parsed).chunks).toContain('class rotating_file_sink 7-14');
    expect((await parser.parse('src/util.h', C_HEADER)).language).toBe('c');
  });

  it('reads classes and functions declared with export or inline macros, and keeps the macros in their text', async () => {
    const text = [
      'namespace spdlog {',
      'class SPDLOG_API logger final : public base {',
      'public:',
      '    void flush();',
      '};',
      '',
      'SPDLOG_INLINE std::tm pattern_formatter::get_time_(const details::log_msg &msg) {',
      '    return details::os::localtime(log_clock::to_time_t(msg.time));',
      '}',
      '}  // namespace spdlog',
    ].join('\n');
    const parsed = await parser.parse('include/spdlog/logger.h', text);
    const chunks = summarize(parsed).chunks;
    expect(chunks).toContain('class logger 2-5');
    expect(chunks).toContain('method pattern_formatter.get_time_ (in pattern_formatter) 7-9');
    expect(parsed.chunks.find((c) => c.symbol === 'logger')?.text).toContain('class SPDLOG_API logger final');
    expect(parsed.symbols.map((s) => s.name)).toEqual(expect.arrayContaining(['logger', 'get_time_']));
  });

  it('names functions that return a reference (operator=, accessors) by their own name', async () => {
    const text = [
      'const std::string &logger::name() const {',
      '    return name_;',
      '}',
      '',
      'logger &logger::operator=(logger other) {',
      '    swap(other);',
      '    return *this;',
      '}',
    ].join('\n');
    const chunks = summarize(await parser.parse('src/logger.cpp', text)).chunks;
    expect(chunks).toEqual(expect.arrayContaining(['method logger.name (in logger) 1-3', 'method logger.operator= (in logger) 5-8']));
  });
});

describe('chunk shapes', () => {
  it('gives a function the doc comment one blank line above it, not a licence header; reads chained assignments of a function and prototype methods', async () => {
    const text = [
      '/**',
      ' * express',
      ' * MIT Licensed',
      ' */',
      '',
      'exports.first = function first() { return 1; };',
      '',
      '/**',
      ' * Compile "query parser" value to function.',
      ' */',
      '',
      'exports.compileQueryParser = function compileQueryParser(val) {',
      '  return val;',
      '};',
      '',
      '// a plain comment',
      '',
      'function plain() {}',
      'res.set = res.header = function header(field, val) {',
      '  return this;',
      '};',
      'Router.prototype.handle = function handle(req, res, out) {',
      '  return out();',
      '};',
    ].join('\n');
    const parsed = await parser.parse('lib/utils.js', text);
    const { chunks } = summarize(parsed);
    expect(parsed.symbols.filter((s) => s.container === 'Router').map((s) => `${s.kind} ${s.name}`)).toEqual(['method handle']);
    expect(chunks).toContain('function compileQueryParser 8-14');
    expect(chunks).toContain('function first 6-6');
    expect(chunks).toContain('function plain 18-18');
    expect(chunks).toContain('function set 19-21'); // a chain of assignments: the first name
    expect(chunks).toContain('method Router.handle (in Router) 22-24'); // a prototype method: its constructor's
  });

  it('turns a large class into a skeleton with collapsed bodies plus one chunk per method', async () => {
    const text = `import { a } from 'a';\n\nexport class Big {\n  private count = 0;\n\n${lines(14, tsMethod)}}\n`;
    const parsed = await parser.parse('big.ts', text);
    const { chunks } = summarize(parsed);
    expect(chunks[0]).toBe('module - 1-1');
    expect(chunks[1]).toBe('class Big 3-187');
    expect(chunks).toContain('method Big.add0 (in Big) 6-17');
    expect(chunks).toContain('method Big.add13 (in Big) 175-186');
    expect(parsed.chunks.filter((c) => c.kind === 'method')).toHaveLength(14);
    const skeleton = parsed.chunks[1]?.text ?? '';
    expect(skeleton).toContain('  private count = 0;');
    expect(skeleton).toContain('  add7(x: number): number {\n    …\n  }');
    expect(skeleton).not.toContain('x += 3');
    expect(parsed.chunks[2]?.text).toContain('/** Adds 0. */');
  });

  it('collapses Python method bodies under their decorators', async () => {
    const method = (i: number) => `    @staticmethod\n    def m${i}(a):\n${lines(5, (k) => `        v${k} = a`)}\n        return a\n`;
    const parsed = await parser.parse('big.py', `class Big:\n    """Doc."""\n    size = 3\n\n${lines(20, method)}`);
    expect(parsed.chunks[0]?.kind).toBe('class');
    expect(parsed.chunks[0]?.text).toContain('    @staticmethod\n    def m3(a):\n        …\n');
    expect(summarize(parsed).chunks).toContain('method Big.m0 (in Big) 5-12');
  });

  it('splits an oversized function into windows that keep its name', async () => {
    const text = `def long_one():\n${lines(450, (i) => `    x${i} = ${i}`)}\n    return 1\n`;
    const parsed = await parser.parse('long.py', text);
    expect(parsed.chunks.length).toBeGreaterThan(3);
    for (const c of parsed.chunks) {
      expect(c.symbol).toBe('long_one');
      expect(c.endLine - c.startLine + 1).toBeLessThanOrEqual(100);
    }
    expect(parsed.chunks[0]?.startLine).toBe(1);
    expect(parsed.chunks.at(-1)?.endLine).toBe(452);
    expect((parsed.chunks[1]?.startLine ?? 0) <= (parsed.chunks[0]?.endLine ?? 0)).toBe(true);
  });

  it('merges tiny top-level siblings into module chunks', async () => {
    const text = `import a from 'a';\nimport b from 'b';\nconst X = 1;\nconst Y = 2;\n\nfunction f() {\n  return X + Y;\n}\nconst Z = 3;\n`;
    expect(summarize(await parser.parse('m.js', text)).chunks).toEqual(['module - 1-4', 'function f 6-8', 'module - 9-9']);
  });

  it('descends into ERROR nodes and keeps the definitions around a syntax error', async () => {
    const text = `function ok() {\n  return 1;\n}\n\nfunction broken( {\n  const x = ;\n}\n\nclass Fine {\n  m() { return 2; }\n}\n`;
    const parsed = await parser.parse('broken.ts', text);
    const { chunks } = summarize(parsed);
    expect(chunks).toContain('function ok 1-3');
    expect(chunks).toContain('class Fine 9-11');
    expect(parsed.warnings[0]).toMatch(/syntax errors/);
  });

  it('splits unknown languages into overlapping line windows', async () => {
    const text = lines(130, (i) => `key${i}: value`);
    const parsed = await parser.parse('config.yaml', text);
    expect(parsed.language).toBe('text');
    expect(parsed.chunks.map((c) => `${c.kind} ${c.startLine}-${c.endLine}`)).toEqual([
      'window 1-60',
      'window 56-115',
      'window 111-130',
    ]);
    expect(parsed.chunks[0]?.text.split('\n')).toHaveLength(60);
  });

  it('ignores headings inside fenced code and supports setext headings in Markdown', async () => {
    const text = 'Intro\n=====\n\ntext\n\n```sh\n# not a heading\n```\n\nUsage\n-----\n\nmore\n';
    const parsed = await parser.parse('README.md', text);
    expect(summarize(parsed).chunks).toEqual(['section Intro 1-8', 'section Intro > Usage (in Intro) 10-13']);
  });
});

describe('language table', () => {
  it('knows at least 14 grammar languages plus Markdown', () => {
    expect(LANGUAGES.filter((l) => l.wasm).length).toBeGreaterThanOrEqual(14);
    expect(LANGUAGES.some((l) => l.id === 'markdown' && !l.wasm)).toBe(true);
  });

  it('maps paths to languages', () => {
    expect(languageForPath('src/a.ts')).toBe('typescript');
    expect(languageForPath('src/App.tsx')).toBe('tsx');
    expect(languageForPath('lib/x.MJS')).toBe('javascript');
    expect(languageForPath('C:\\code\\main.go')).toBe('go');
    expect(languageForPath('include/vec.hpp')).toBe('cpp');
    expect(languageForPath('Billing.cs')).toBe('csharp');
    expect(languageForPath('app/Rakefile')).toBe('ruby');
    expect(languageForPath('build.gradle.kts')).toBe('kotlin');
    expect(languageForPath('docs/guide.md')).toBe('markdown');
    expect(languageForPath('Makefile')).toBeUndefined();
    expect(languageForPath('.env')).toBeUndefined();
  });
});
