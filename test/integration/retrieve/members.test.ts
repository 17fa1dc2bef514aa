import { describe, expect, it } from 'vitest';
import { useIndexedWorkspace } from '../../support/engine';

// Two classes define info(), two define prune(): a member call means the one its receiver or the
// selection's types point at, not every namesake.
const LOG = `export class Logger {
  info(message: string): void {
    process.stdout.write(message + '\\n');
  }
}
`;
const PLUGIN = `export class PluginContext {
  info(message: string): void {
    this.messages.push({ level: 'info', message });
  }
  debug(message: string): void {
    this.messages.push({ level: 'debug', message });
  }
  messages: Array<{ level: string; message: string }> = [];
}
`;
const CACHE = `export class Cache {
  private entries = new Map<string, number>();
  prune(): void {
    for (const [key, at] of this.entries) if (at < Date.now()) this.entries.delete(key);
  }
  clear(): void {
    this.prune();
    this.entries.clear();
  }
}
`;
const STORE = `export class Store {
  prune(): void {
    this.rows = this.rows.filter((row) => row.alive);
  }
  rows: Array<{ alive: boolean }> = [];
}
`;
const APP = `import { Cache } from './cache';
import { makeContext } from './context';
const debug = process.env.DEBUG ? (m: string) => console.error(m) : undefined;

export function startServer(logger: Console, cache: Cache): number {
  debug?.('start');
  logger.info('starting');
  cache.prune();
  const ctx = makeContext();
  ctx.info('ready');
  return Object.entries(cache).length;
}
`;
const CONTEXT = `export function makeContext() {
  return { info(message: string) { return message; } };
}
`;

const ARCHIVE = `import { Store } from './store';

export class Archive extends Store {
  compact(): void {
    this.prune();
  }
}
`;

// a module-level debug() of another file: app.ts's debug is its own local, not an import
const DEBUG = `export function debug(message: string): void {
  console.debug(message);
}
`;
const HELPERS = `def run():
    return 0
`;
const UTIL = `def log(message):
    print(message)
`;
const JOB = `from helpers import run


def job(log):
    log("start")
    return run()
`;

// an object's entries() method, a function of no class: Object.entries(…) does not mean it
const GRAPH = `export const graph = {
  entries() {
    return [['a', 1]];
  },
};
`;

// this.remote.submit(): the field's type, PaymentGateway, is imported by the file; JobQueue is not
const BILLING = `import { PaymentGateway } from './gateway';

export class Billing {
  constructor(private readonly remote: PaymentGateway) {}
  bill(id: string): string {
    return this.remote.submit(id);
  }
}
`;
const GATEWAY = `export class PaymentGateway {
  submit(id: string): string {
    return 'paid ' + id;
  }
}
`;
const QUEUE = `export class JobQueue {
  submit(id: string): string {
    return 'queued ' + id;
  }
}
`;

// a field's method whose class the selection never names: the only rewrap() of the workspace is
// meant; the only append() is not (every list has one)
const TEXT = `export class Chars {
  rewrap(width: number): string[] {
    return [String(width)];
  }
}
export class Paragraph {
  append(line: string): void {
    this.lines.push(line);
  }
  lines: string[] = [];
}
`;
const VIEW = `import { render } from './render';

export function show(item: Record<string, any>, out: any): string[] {
  out.append(item.title);
  return render(item.text.rewrap(80), out.append);
}
`;

// lines.append(…) is a list's append, line.append(…) may be Line.append
const LINE = `class Line:
    def append(self, leaf):
        self.leaves.append(leaf)
`;
const COLLECT = `def collect(text):
    lines = []
    for row in text.split("\\n"):
        lines.append(row.strip())
    return lines


def extend(line, leaf):
    line.append(leaf)
`;

// Go: a bare Result is its own package's; algo.Match is package algo's, util has a Match too
const GO_RESULT = `package fzf

type Result struct {
\tscore int
}
`;
const GO_ALGO = `package algo

type Result struct {
\tStart int
}

func Match(text string) Result {
\treturn Result{Start: len(text)}
}
`;
const GO_UTIL = `package util

func Match(a, b string) bool {
\treturn a == b
}
`;
const GO_PATTERN = `package fzf

import "example.com/fzf/src/algo"

func collect(texts []string) []Result {
\tresults := []Result{}
\tfor _, t := range texts {
\t\tresults = append(results, Result{score: algo.Match(t).Start})
\t}
\treturn results
}
`;

// Rust: `File` is std's (imported from std), `.run()` is MultiLine's method, not another crate's
// free function; `util::is_hidden` is util.rs's by its module path.
const RS_FLAGS = `/// -f/--file
#[derive(Debug)]
pub struct File;

/// Runs the command line.
pub fn run(args: Vec<String>) -> i32 {
    let code = args.len() as i32;
    code
}
`;
const RS_GLUE = `pub struct MultiLine {
    pub lines: usize,
}

impl MultiLine {
    pub fn new() -> MultiLine {
        MultiLine { lines: 0 }
    }

    pub fn run(&self) -> bool {
        self.lines > 0
    }
}
`;
const RS_SLICE = `pub struct SliceByLine {
    pub slices: usize,
}

impl SliceByLine {
    pub fn run(&self) -> bool {
        self.slices > 0
    }
}
`;
const RS_UTIL = `/// Whether a path is hidden.
pub fn is_hidden(path: &str) -> bool {
    path.starts_with('.')
}
`;
const RS_SEARCHER = `use std::{
    fs::File,
    io::{self, Read},
};

use crate::{glue::MultiLine, slice::SliceByLine};

pub fn search(file: &File) -> bool {
    let hidden = util::is_hidden("x");
    MultiLine::new()
        .run()
        && hidden
}
`;

// route! iterates routes&.each: an Array's each, not the same file's Response#each
const RB_APP = `module Helpers
  def body(value = nil)
    @body = value
  end
end

class Response
  def each
    @chunks.each { |c| yield c }
  end
end

class Base
  include Helpers

  def settings
    self.class
  end

  def route!(base = settings)
    routes = base.routes
    routes&.each do |pattern|
      body(pattern)
    end
  end
end
`;

const indexed = useIndexedWorkspace('gw-members-', {
  'lib/app.rb': RB_APP,
  'crates/flags/src/defs.rs': RS_FLAGS,
  'crates/searcher/src/glue.rs': RS_GLUE,
  'crates/searcher/src/util.rs': RS_UTIL,
  'crates/searcher/src/slice.rs': RS_SLICE,
  'crates/searcher/src/searcher.rs': RS_SEARCHER,
  'src/result.go': GO_RESULT,
  'src/algo/algo.go': GO_ALGO,
  'src/util/util.go': GO_UTIL,
  'src/pattern.go': GO_PATTERN,
  'line.py': LINE,
  'collect.py': COLLECT,
  'src/text.ts': TEXT,
  'src/view.ts': VIEW,
  'src/billing.ts': BILLING,
  'src/gateway.ts': GATEWAY,
  'src/queue.ts': QUEUE,
  'src/graph.ts': GRAPH,
  'src/debug.ts': DEBUG,
  'helpers.py': HELPERS,
  'util.py': UTIL,
  'job.py': JOB,
  'src/archive.ts': ARCHIVE,
  'src/log.ts': LOG,
  'src/plugin.ts': PLUGIN,
  'src/cache.ts': CACHE,
  'src/store.ts': STORE,
  'src/app.ts': APP,
  'src/context.ts': CONTEXT,
});

const files = (defs: string[]) => defs.map((d) => d.split('::')[0]);

const definitionsFor = async (path: string, text: string, startLine: number) => {
  const endLine = startLine + text.split('\n').length - 1;
  const r = await indexed().engine.retriever.retrieve({ query: '', selection: { path, startLine, endLine, text }, includeStandards: false });
  return r.chunks.filter((c) => c.reasons.includes('definition')).map((c) => `${c.path}::${c.symbol}`);
};

describe('definitions of the methods a selection calls on a real index', () => {
  it('takes the method of the class the receiver is named after or the selection names, not namesakes', async () => {
    const defs = await definitionsFor('src/app.ts', APP.split('\n').slice(4, 12).join('\n'), 5);
    expect(files(defs)).toContain('src/log.ts'); // logger.info: the receiver is named after Logger
    expect(defs).toContain('src/cache.ts::Cache.prune, Cache.clear'); // cache: Cache, a type the selection names
    expect(defs).toContain('src/context.ts::makeContext');
    expect(files(defs)).not.toContain('src/plugin.ts'); // nothing points at PluginContext (debug is a local function)
    expect(files(defs)).not.toContain('src/store.ts');
    expect(files(defs)).not.toContain('src/debug.ts'); // app.ts does not import debug
    expect(files(defs)).not.toContain('src/graph.ts'); // Object is not a module of the workspace
  });

  it('takes the method of a class the file imports (a field\'s type), not a namesake', async () => {
    const defs = await definitionsFor('src/billing.ts', BILLING.split('\n').slice(4, 7).join('\n'), 5);
    expect(files(defs)).toContain('src/gateway.ts');
    expect(files(defs)).not.toContain('src/queue.ts');
  });

  it('takes a field\'s method when its class is the only one defining a name no library uses', async () => {
    const defs = await definitionsFor('src/view.ts', VIEW.split('\n').slice(3, 5).join('\n'), 4);
    expect(defs.some((d) => d.startsWith('src/text.ts::Chars'))).toBe(true);
    expect(defs.some((d) => d.startsWith('src/text.ts::Paragraph'))).toBe(false);
  });

  it('takes a bare name from another file only when the file imports it', async () => {
    const defs = await definitionsFor('job.py', JOB.split('\n').slice(3, 6).join('\n'), 4);
    expect(files(defs)).toContain('helpers.py'); // run is imported
    expect(files(defs)).not.toContain('util.py'); // log is a parameter here
  });

  it("reads the imports from the file as the editor holds it when the caller gives it (an import not saved yet)", async () => {
    const selection = JOB.split('\n').slice(3, 6).join('\n');
    const edited = `from util import log\n${JOB}`; // the editor's text: log now comes from util.py
    const r = await indexed().engine.retriever.retrieve({
      query: '',
      selection: { path: 'job.py', startLine: 5, endLine: 7, text: selection, fileText: edited },
      includeStandards: false,
    });
    const defs = r.chunks.filter((c) => c.reasons.includes('definition')).map((c) => c.path);
    expect(defs).toContain('util.py');
    expect(defs).toContain('helpers.py');
  });

  it('reads a plural receiver of a method every library has as a collection, a singular one as the class it is named after', async () => {
    const lines = COLLECT.split('\n');
    expect(files(await definitionsFor('collect.py', lines.slice(0, 5).join('\n'), 1))).not.toContain('line.py');
    expect(files(await definitionsFor('collect.py', lines.slice(7, 9).join('\n'), 8))).toContain('line.py');
  });

  it('in Go, takes a bare type name as its own package\'s and pkg.Name as that package\'s', async () => {
    const defs = await definitionsFor('src/pattern.go', GO_PATTERN.split('\n').slice(4, 11).join('\n'), 5);
    expect(defs).toContain('src/result.go::Result');
    expect(defs).toContain('src/algo/algo.go::Match');
    expect(defs).not.toContain('src/algo/algo.go::Result');
    expect(files(defs)).not.toContain('src/util/util.go');
  });

  it("in Rust, takes only what the file's use declarations or a module path name, never std's names", async () => {
    const defs = await definitionsFor('crates/searcher/src/searcher.rs', RS_SEARCHER.split('\n').slice(7, 13).join('\n'), 8);
    expect(files(defs)).toContain('crates/searcher/src/glue.rs'); // MultiLine::new().run(): imported from crate::glue
    expect(defs).toContain('crates/searcher/src/util.rs::is_hidden'); // util::is_hidden: the module's path
    expect(files(defs)).not.toContain('crates/flags/src/defs.rs'); // File is std::fs::File; .run() is a method
    expect(files(defs)).not.toContain('crates/searcher/src/slice.rs'); // imported, but .run() is called on a MultiLine
  });

  it("takes a method its own file defines only as the code reaches it: bare or through self, not through another object", async () => {
    const defs = await definitionsFor('lib/app.rb', RB_APP.split('\n').slice(19, 25).join('\n'), 20);
    expect(defs).toContain('lib/app.rb::Base.settings'); // bare: self's
    expect(defs).toContain('lib/app.rb::Helpers.body, Helpers'); // bare: an included module's (one chunk with its module)
    expect(defs.filter((d) => d.includes('Response'))).toEqual([]); // routes&.each: nothing says routes is a Response
  });

  it('reads this.method() as the class or one it inherits from', async () => {
    // guards the filter: Store is not named in the selection, yet this.prune() may be its method
    const defs = await definitionsFor('src/archive.ts', ARCHIVE.split('\n').slice(3, 6).join('\n'), 4);
    expect(files(defs)).toContain('src/store.ts');
  });
});
