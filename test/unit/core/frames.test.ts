import { describe, expect, it } from 'vitest';
import type { ChunkHit } from '../../../src/core/retrieve/lexical';
import { parseQuery } from '../../../src/core/retrieve/query';
import { filesByBestChunk, rankFiles, type ScoredChunk } from '../../../src/core/retrieve/ranking';
import { frameChunks, locateFrames } from '../../../src/core/retrieve/structural';

const chunk = (path: string, symbol: string, start: number, end: number): ChunkHit => ({
  id: `${path}:${start}`, path, language: 'python', kind: symbol ? 'method' : 'module', symbol, container: '', start_line: start, end_line: end, text: '',
});
const c = (path: string, symbol: string, score: number): ScoredChunk => ({ item: { path, symbol, kind: 'function' }, score, lists: ['lexical'] });

const TRACE = [
  'File ~/code/seaborn/seaborn/_core/plot.py:841, in Plot._plot(self, pyplot)',
  'File ~/code/seaborn/seaborn/_core/plot.py:1252, in Plotter._setup_scales(self, p, common, layers, variables)',
  'File ~/code/seaborn/seaborn/_core/scales.py:351, in ContinuousBase._setup(self, data, prop, axis)',
  'TypeError: numpy boolean subtract, the `-` operator, is not supported',
].join('\n');

describe('stack-frame evidence', () => {
  it('lists the frames innermost first', () => {
    expect(parseQuery(TRACE).innermostFirst.map((f) => f.fn)).toEqual(['ContinuousBase._setup', 'Plotter._setup_scales', 'Plot._plot']);
    const js = parseQuery('Error: boom\n    at inner (src/a.ts:3:1)\n    at outer (src/b.ts:9:1)');
    expect(js.innermostFirst.map((f) => f.fn)).toEqual(['inner', 'outer']);
  });

  it('reads Go frames in the module cache (path@version) and PHP traces, innermost first', () => {
    const go = parseQuery('panic: boom\n\ngoroutine 1 [running]:\ngithub.com/spf13/cobra.(*Command).Find(...)\n\t/home/u/go/pkg/mod/github.com/spf13/cobra@v1.9.1/command.go:1019 +0x2a');
    expect(go.innermostFirst).toEqual([{ path: '/home/u/go/pkg/mod/github.com/spf13/cobra@v1.9.1/command.go', line: 1019 }]);
    const php = parseQuery(
      "PHP Fatal error:  Uncaught GuzzleHttp\\Exception\\ConnectException: cURL error 7 in /app/vendor/guzzlehttp/guzzle/src/Handler/CurlFactory.php:275\n" +
        'Stack trace:\n#0 /app/vendor/guzzlehttp/guzzle/src/Handler/CurlMultiHandler.php(235): GuzzleHttp\\Handler\\CurlFactory::finish()\n#1 {main}',
    );
    expect(php.innermostFirst).toEqual([
      { path: '/app/vendor/guzzlehttp/guzzle/src/Handler/CurlFactory.php', line: 275 },
      { path: '/app/vendor/guzzlehttp/guzzle/src/Handler/CurlMultiHandler.php', line: 235 },
    ]);
  });

  it('reads JVM, .NET and Ruby frames: path, line and the function named as the chunker names it', () => {
    const jvm = parseQuery('java.lang.IllegalArgumentException: unused arguments\n\tat com.squareup.javapoet.CodeBlock$Builder.add(CodeBlock.java:302)\n\tat com.squareup.javapoet.TypeName.<init>(TypeName.java:88)');
    expect(jvm.innermostFirst).toEqual([
      { path: 'com/squareup/javapoet/CodeBlock.java', line: 302, fn: 'Builder.add' },
      { path: 'com/squareup/javapoet/TypeName.java', line: 88, fn: 'TypeName.TypeName' },
    ]);
    const dotnet = parseQuery('   at Newtonsoft.Json.JsonTextReader.Read() in C:\\src\\Newtonsoft.Json\\JsonTextReader.cs:line 429');
    expect(dotnet.innermostFirst).toEqual([{ path: 'C:/src/Newtonsoft.Json/JsonTextReader.cs', line: 429, fn: 'JsonTextReader.Read' }]);
    const ruby = parseQuery("/app/lib/jekyll/site.rb:71:in `block in process'\n/app/lib/jekyll/command.rb:28:in 'Jekyll::Command#process_site'");
    expect(ruby.innermostFirst).toEqual([
      { path: '/app/lib/jekyll/site.rb', line: 71, fn: 'process' },
      { path: '/app/lib/jekyll/command.rb', line: 28, fn: 'Jekyll.Command.process_site' },
    ]);
  });

  it('reads a path:line written anywhere (a Rust panic, a compiler message, a question) as a frame placed by its line', () => {
    const panic = parseQuery("thread 'main' panicked at src/routing/mod.rs:257:10:\nOverlapping method route.");
    expect(panic.innermostFirst).toEqual([{ path: 'src/routing/mod.rs', line: 257 }]);
    const asked = parseQuery('what happens at Src/Newtonsoft.Json/Serialization/JsonSerializerInternalReader.cs:159?');
    expect(asked.innermostFirst).toEqual([{ path: 'Src/Newtonsoft.Json/Serialization/JsonSerializerInternalReader.cs', line: 159 }]);
    // a location another frame form already read is not read twice
    expect(parseQuery('  at inner (src/a.ts:3:1)').innermostFirst).toHaveLength(1);
  });

  it("takes, of a file's namesakes (a sync and an async twin), the one holding the frame's line", () => {
    const q = parseQuery('File "/venv/httpx/_client.py", line 1014, in _send_single_request\n    response = transport.handle_request(request)');
    const resolved = new Map([['/venv/httpx/_client.py', ['httpx/_client.py']]]);
    const chunks = [
      chunk('httpx/_client.py', 'AsyncClient._send_single_request', 1717, 1749),
      chunk('httpx/_client.py', 'Client._send_single_request', 1001, 1034),
    ];
    expect(frameChunks(q.innermostFirst, resolved, chunks).map((r) => r.symbol)).toEqual(['Client._send_single_request']);
  });

  it('finds the chunk each frame sits in, by the function it names before its line', () => {
    const q = parseQuery(TRACE);
    const resolved = new Map([
      ['~/code/seaborn/seaborn/_core/plot.py', ['seaborn/_core/plot.py']],
      ['~/code/seaborn/seaborn/_core/scales.py', ['seaborn/_core/scales.py']],
    ]);
    const chunks = [
      chunk('seaborn/_core/plot.py', 'Plot._plot', 800, 860),
      chunk('seaborn/_core/plot.py', 'Plotter._setup_scales', 1200, 1300),
      // the reporter's line 351 falls in another method at this commit: the name wins
      chunk('seaborn/_core/scales.py', 'ContinuousBase._setup', 300, 340),
      chunk('seaborn/_core/scales.py', 'ContinuousBase.tick', 341, 380),
      chunk('seaborn/_core/scales.py', '', 1, 400),
    ];
    expect(frameChunks(q.innermostFirst, resolved, chunks).map((r) => r.symbol)).toEqual(['ContinuousBase._setup', 'Plotter._setup_scales', 'Plot._plot']);
    // a frame without a function name is placed by its line
    expect(frameChunks([{ path: 'x/scales.py', line: 350 }], new Map([['x/scales.py', ['seaborn/_core/scales.py']]]), chunks)[0]!.symbol).toBe('ContinuousBase.tick');
  });

  it('places a frame whose module was renamed by its function, only within the same package', () => {
    const defs = [chunk('seaborn/_oldcore.py', 'HueMapping._lookup_single', 140, 170), chunk('requests/packages/urllib3/contrib/pyopenssl.py', 'WrappedSocket.recv', 10, 30)];
    const frames = [
      { path: '~/envs/py3.9/lib/python3.8/site-packages/seaborn/_core.py', fn: '_lookup_single' },
      { path: '/home/u/.pyenv/lib/python2.7/site-packages/gevent/socket.py', fn: 'recv' },
      { path: '~/code/seaborn/seaborn/relational.py', fn: 'scatterplot' },
    ];
    const located = locateFrames(frames, new Map([[frames[2]!.path, ['seaborn/relational.py']]]), defs);
    expect(located.get(frames[0]!.path)).toEqual(['seaborn/_oldcore.py']);
    expect(located.get(frames[1]!.path)).toBeUndefined();
    expect(located.get(frames[2]!.path)).toEqual(['seaborn/relational.py']);
    expect(frameChunks(frames, located, defs).map((r) => r.symbol)).toEqual(['HueMapping._lookup_single']);
  });

  it('ranks the file the error was raised in above a caller that matches the words better', () => {
    const evidence = {
      chunks: [c('seaborn/_core/plot.py', 'Plot._plot', 0.05), c('seaborn/_core/plot.py', 'Plotter._setup_scales', 0.04), c('seaborn/_core/scales.py', 'ContinuousBase._setup', 0.03)],
      fileLexical: ['seaborn/_core/plot.py', 'seaborn/_core/scales.py'],
      named: ['seaborn/_core/scales.py', 'seaborn/_core/plot.py'],
      prior: () => 1,
    };
    expect(rankFiles(evidence)[0]!.path).toBe('seaborn/_core/plot.py');
    expect(rankFiles({ ...evidence, raisedIn: 'seaborn/_core/scales.py' })[0]!.path).toBe('seaborn/_core/scales.py');
  });
});

describe('best-chunk file list', () => {
  it('orders files by their single best chunk', () => {
    expect(filesByBestChunk([c('a.py', 'f', 0.02), c('a.py', 'g', 0.02), c('b.py', 'h', 0.03), c('c.py', 'k', 0.01)])).toEqual(['b.py', 'a.py', 'c.py']);
  });

  it('lets one closely matching function decide between a file of many weaker matches and its own file', () => {
    // big.py wins the decayed chunk sum, small.py the whole-file list; small.py holds the best chunk
    const chunks = [c('small.py', 'target', 0.05), ...Array.from({ length: 6 }, (_, i) => c('big.py', `f${i}`, 0.03 - i * 0.001))];
    const ranked = rankFiles({ chunks, fileLexical: ['small.py', 'big.py'], named: [], prior: () => 1 });
    expect(ranked.map((f) => f.path)).toEqual(['small.py', 'big.py']);
    expect(ranked[0]!.score).toBeGreaterThan(ranked[1]!.score);
  });
});
