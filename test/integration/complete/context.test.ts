import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IndexContextSource } from '../../../src/core/complete/context';
import type { Logger } from '../../../src/core/log';
import { testEngine, type TestEngine } from '../../support/engine';
import { tempDir, writeTree } from '../../support/tmp';

// Two classes define info() and debug(); the code at the cursor calls logger.info and a local debug.
const LOG = `export class Logger {
  info(message: string): void {
    process.stdout.write(message + '\\n');
  }
}
`;
const PLUGIN = `export class PluginContext {
  info(message: string): void {
    this.messages.push(message);
  }
  debug(message: string): void {
    this.messages.push('debug: ' + message);
  }
  messages: string[] = [];
}
`;
// this.db.save(): the field's class, Store, is imported (its declaration is far above the cursor);
// Archive.save is no candidate
const STORE = `export class Store {
  save(key: string): void {
    this.keys.push(key);
  }
  keys: string[] = [];
}
`;
const ARCHIVE = `export class Archive {
  save(key: string): void {
    this.saved.push(key);
  }
  saved: string[] = [];
}
`;
const JOB_PREFIX = `import { Store } from './store';

export class Job {
  constructor(private readonly db: Store) {}
${Array.from({ length: 40 }, (_, i) => `  step${i}(): number {\n    return ${i};\n  }\n`).join('')}
  run(): void {
    this.db.save(`;
const APP_PREFIX = `import { Logger } from './log';
const debug = (m: string) => console.error(m);

export function start(logger: Logger): void {
  debug('starting');
  logger.info(`;
const APP_SUFFIX = `);
}
`;

let ws: ReturnType<typeof tempDir>;
let t: TestEngine;
let source: IndexContextSource;
const quiet: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** Indexes `files` in a workspace of their own, runs `test` on its engine, then removes both. */
async function inOwnWorkspace(files: Record<string, string>, test: (e: TestEngine, dir: string) => Promise<void>): Promise<void> {
  const local = tempDir('gw-complete-own-');
  writeTree(local.dir, files);
  const e = await testEngine(local.dir);
  try {
    await e.engine.index();
    await test(e, local.dir);
  } finally {
    await e.cleanup();
    local.cleanup();
  }
}

beforeAll(async () => {
  ws = tempDir('gw-complete-ctx-');
  writeTree(ws.dir, { 'src/log.ts': LOG, 'src/plugin.ts': PLUGIN, 'src/app.ts': APP_PREFIX + APP_SUFFIX, 'src/store.ts': STORE, 'src/archive.ts': ARCHIVE });
  t = await testEngine(ws.dir);
  await t.engine.index();
  source = new IndexContextSource(t.engine.store, quiet, { deadlineMs: 5000, maxSimilar: 0, maxStandards: 0 });
  await source.warm();
});
afterAll(async () => {
  await t?.cleanup();
  ws?.cleanup();
});

describe('completion context on a real index', () => {
  it('gives the definitions the code at the cursor can mean: Logger.info for logger.info, no other class\'s info or debug', async () => {
    const snippets = await source.gather({
      path: 'src/app.ts', language: 'typescript', prefix: APP_PREFIX, suffix: APP_SUFFIX,
      line: APP_PREFIX.split('\n').length, budgetTokens: 2000,
    });
    const paths = snippets.filter((s) => s.kind === 'definition').map((s) => s.path);
    expect(paths).toContain('src/log.ts');
    expect(paths).not.toContain('src/plugin.ts');
  });

  it('takes the method of a class the file imports for a field\'s call', async () => {
    const snippets = await source.gather({
      path: 'src/job.ts', language: 'typescript', prefix: JOB_PREFIX, suffix: `'x');\n  }\n}\n`,
      line: JOB_PREFIX.split('\n').length, budgetTokens: 2000,
    });
    const paths = snippets.filter((s) => s.kind === 'definition').map((s) => s.path);
    expect(paths).toContain('src/store.ts');
    expect(paths).not.toContain('src/archive.ts');
  });
});

describe('loading the completion context ahead of the first keystroke', () => {
  const at = { path: 'src/app.ts', language: 'typescript', prefix: APP_PREFIX, suffix: APP_SUFFIX, line: APP_PREFIX.split('\n').length, budgetTokens: 2000 };

  it('a first completion gets definitions only when warm() ran before it: gathering never waits for the symbol view', async () => {
    const cold = new IndexContextSource(t.engine.store, quiet, { deadlineMs: 5000, maxSimilar: 0, maxStandards: 0 });
    expect((await cold.gather(at)).filter((s) => s.kind === 'definition')).toEqual([]);

    const warmed = new IndexContextSource(t.engine.store, quiet, { deadlineMs: 5000, maxSimilar: 0, maxStandards: 0 });
    await warmed.warm();
    expect((await warmed.gather(at)).filter((s) => s.kind === 'definition').map((s) => s.path)).toContain('src/log.ts');
  });

  it('warms an index without functions, or an empty one, without failing', async () => {
    await inOwnWorkspace({ 'README.md': '# Nothing to complete here\n' }, async (e) => {
      await expect(new IndexContextSource(e.engine.store, quiet).warm()).resolves.toBeUndefined();
    });
  });
});

describe('completion context after the index changed', () => {
  it('still finds a definition when a saved file and a compaction moved the rows since the view was loaded', async () => {
    await inOwnWorkspace({ 'src/log.ts': LOG, 'src/plugin.ts': PLUGIN, 'src/app.ts': APP_PREFIX + APP_SUFFIX }, async (e, dir) => {
      const ctx = new IndexContextSource(e.engine.store, quiet, { deadlineMs: 5000, maxSimilar: 0, maxStandards: 0 });
      await ctx.warm();
      writeTree(dir, { 'src/plugin.ts': PLUGIN.replace('debug: ', 'DEBUG: ') });
      await e.engine.update(['src/plugin.ts']);
      await e.engine.store.optimize();
      const snippets = await ctx.gather({ path: 'src/app.ts', language: 'typescript', prefix: APP_PREFIX, suffix: APP_SUFFIX, line: APP_PREFIX.split('\n').length, budgetTokens: 2000 });
      expect(snippets.filter((s) => s.kind === 'definition').map((s) => s.path)).toContain('src/log.ts');
    });
  });
});

describe('names the completion context looks up', () => {
  it('takes the names the code near the cursor uses, not the words of its docstrings and comments', async () => {
    // `that` and `render` are defined elsewhere and only named in prose at the cursor; `check` is called
    const HELPERS = 'def that():\n    return 1\n\n\ndef render(x):\n    return str(x)\n\n\ndef check(s):\n    return bool(s)\n';
    const prefix = 'from helpers import check\n\n\ndef prefix_of(s):\n    """Checks the pre-condition that s can render."""\n    # render comes later\n    ok = check(s)\n    ';
    await inOwnWorkspace({ 'helpers.py': HELPERS, 'app.py': `${prefix}\n` }, async (e) => {
      const ctx = new IndexContextSource(e.engine.store, quiet, { deadlineMs: 5000, maxSimilar: 0, maxStandards: 0 });
      await ctx.warm();
      const snippets = await ctx.gather({ path: 'app.py', language: 'python', prefix, suffix: '\n', line: prefix.split('\n').length, budgetTokens: 2000 });
      const defs = snippets.filter((s) => s.kind === 'definition').map((s) => s.text.split('\n')[0]);
      expect(defs).toContain('def check(s):');
      expect(defs).not.toContain('def that():');
      expect(defs).not.toContain('def render(x):');
    });
  });
});

describe('calls through a receiver near the cursor', () => {
  it('takes a function of a module the file imports, not a workspace namesake of a global\'s member or of a global', async () => {
    const prefix = "import * as fmt from './fmt';\n\nexport function describe(env: Record<string, string>): string {\n  const rows = Object.entries(env);\n  const mode = process.env.MODE;\n  return fmt.format(";
    await inOwnWorkspace(
      {
        'src/fmt.ts': 'export function format(rows: unknown, mode: unknown): string {\n  return String(rows) + String(mode);\n}\n',
        'src/pairs.ts': 'export function entries(list: string[]): string[][] {\n  return list.map((x) => [x, x]);\n}\n',
        'src/proc.ts': 'export function process(job: string): string {\n  return job.trim();\n}\n',
        'src/app.ts': `${prefix}rows, mode);\n}\n`,
      },
      async (e) => {
        const ctx = new IndexContextSource(e.engine.store, quiet, { deadlineMs: 5000, maxSimilar: 0, maxStandards: 0 });
        await ctx.warm();
        const snippets = await ctx.gather({ path: 'src/app.ts', language: 'typescript', prefix, suffix: 'rows, mode);\n}\n', line: 6, budgetTokens: 2000 });
        const paths = snippets.filter((s) => s.kind === 'definition').map((s) => s.path);
        expect(paths).toContain('src/fmt.ts');
        expect(paths).not.toContain('src/pairs.ts');
        expect(paths).not.toContain('src/proc.ts');
      },
    );
  });
});

describe('a part that misses its deadline', () => {
  it('runs on and is given to the next completion on the same line', async () => {
    const slow = new Proxy(t.engine.store, {
      get(target, prop) {
        if (prop !== 'chunks') return Reflect.get(target, prop);
        const chunks = target.chunks;
        // every row lookup takes 150 ms: a definitions part misses a 30 ms deadline
        return new Proxy(chunks, {
          get(c, p) {
            if (p === 'takeRowIds') {
              return (ids: bigint[]) => ({
                select: (columns: string[]) => ({
                  toArray: async () => {
                    await new Promise((r) => setTimeout(r, 150));
                    return c.takeRowIds(ids).select(columns).toArray();
                  },
                }),
              });
            }
            const value = Reflect.get(c, p) as unknown;
            return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(c) : value;
          },
        });
      },
    });
    const ctx = new IndexContextSource(slow, quiet, { deadlineMs: 30, maxSimilar: 0, maxStandards: 0 });
    await ctx.warm();
    const at = { path: 'src/app.ts', language: 'typescript', prefix: APP_PREFIX, suffix: APP_SUFFIX, line: APP_PREFIX.split('\n').length, budgetTokens: 2000 };
    expect((await ctx.gather(at)).filter((s) => s.kind === 'definition')).toEqual([]);
    await new Promise((r) => setTimeout(r, 300));
    expect((await ctx.gather(at)).filter((s) => s.kind === 'definition').map((s) => s.path)).toContain('src/log.ts');
    // taken once: the next request starts afresh (and misses again here)
    expect((await ctx.gather(at)).filter((s) => s.kind === 'definition')).toEqual([]);
  });
});
