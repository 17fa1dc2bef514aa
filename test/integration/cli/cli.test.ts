import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli, startCli } from '../../support/cli';
import { tempDir, writeTree } from '../../support/tmp';

let ws: ReturnType<typeof tempDir>;
let db: string;

beforeAll(() => {
  assertBuilt();
  ws = tempDir('gw-cli-');
  db = path.join(ws.dir, '.db');
  writeTree(ws.dir, {
    'repo/src/http/client.ts': 'export class HttpClient {\n  async fetchJson(url: string) {\n    return fetch(url).then((r) => r.json());\n  }\n}\n',
    'repo/src/util/retry.ts': 'export async function retryWithBackoff<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {\n  for (let i = 0; ; i++) {\n    try { return await fn(); } catch (e) { if (i >= attempts) throw e; }\n  }\n}\n',
    'repo/lib/session.py': 'class Session:\n    def send_request(self, prepared):\n        """Send a prepared request."""\n        return self.adapter.send(prepared)\n',
    'repo/.groundwork/standards/team.md': '# Team standards\n\n## [STD-1] Retries\nEvery network call is retried with backoff.\n',
    'repo/.github/copilot-instructions.md': '## Exports\nNamed exports only.\n\n## Errors\nWrap errors with their cause.\n',
  });
});
afterAll(() => ws.cleanup());

describe('groundwork CLI', () => {
  it('indexes a folder and prints a summary on stderr', () => {
    const r = runCli(['index', path.join(ws.dir, 'repo'), '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/5 files \(5 parsed, 0 unchanged, 0 removed, 0 skipped\)/);
    expect(r.stderr).toMatch(/3 standards/);
  });

  it('searches with human-readable and JSON output', () => {
    const human = runCli(['search', 'retry with backoff', '--db', db, '--k', '3']);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout.split('\n')[0]).toMatch(/^1\. src\/util\/retry\.ts:1-5\s+retryWithBackoff/);
    const json = runCli(['search', 'send_request', '--db', db, '--json']);
    const parsed = JSON.parse(json.stdout) as { chunks: Array<{ path: string; symbol: string }> };
    expect(parsed.chunks[0]).toMatchObject({ path: 'lib/session.py', symbol: 'Session.send_request' });
    const withStandard = JSON.parse(runCli(['search', 'how are network calls retried', '--db', db, '--json']).stdout) as { standards: Array<{ id: string; source: string }> };
    expect(withStandard.standards.find((s) => s.id === 'STD-1')).toMatchObject({ source: '.groundwork/standards/team.md' });
  });

  it("prints the always-apply rules as one line per file and the relevant ones with their ids", () => {
    const r = runCli(['search', 'how are network calls retried', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    const standards = r.stdout.split('\n').filter((l) => l.startsWith('standard'));
    expect(standards).toEqual([
      'standards that always apply (.github/copilot-instructions.md): Exports · Errors',
      'standard STD-1  Retries  (.groundwork/standards/team.md)',
    ]);
  });

  it('answers a JSONL batch in the eval format', () => {
    const queries = path.join(ws.dir, 'q.jsonl');
    writeTree(ws.dir, { 'q.jsonl': '{"id":"a","query":"HttpClient fetchJson fails on 404"}\n{"id":"b","query":"session sends the prepared request"}\n' });
    const r = runCli(['search', '--queries', queries, '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; ranked_files: string[]; ranked_functions: string[] });
    expect(rows.map((x) => x.id)).toEqual(['a', 'b']);
    expect(rows[0]!.ranked_files[0]).toBe('src/http/client.ts');
    expect(rows[0]!.ranked_functions[0]).toBe('src/http/client.ts::HttpClient.fetchJson');
    expect(rows[1]!.ranked_functions[0]).toBe('lib/session.py::Session.send_request');
  });

  it('reports a bad batch line by its number, skips it, answers the others and exits 1', () => {
    const queries = path.join(ws.dir, 'bad.jsonl');
    writeTree(ws.dir, { 'bad.jsonl': '{"id":"a","query":"retry with backoff"}\nnot json\n{"id":"c"}\n{"id":"d","query":"send_request"}\n' });
    const r = runCli(['search', '--queries', queries, '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bad.jsonl line 2: not valid JSON; skipped');
    expect(r.stderr).toContain('bad.jsonl line 3: no "query" string; skipped');
    expect(r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(['a', 'd']);
    const missing = runCli(['search', '--queries', path.join(ws.dir, 'none.jsonl'), '--db', db]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Cannot read .*none\.jsonl: no such file/);
  });

  it('rebuilds an index an older version built before searching it, instead of finding nothing', () => {
    const old = path.join(ws.dir, '.db-old');
    cpSync(db, old, { recursive: true });
    const metaFile = path.join(old, 'meta.json');
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as { chunkerVersion: number };
    writeFileSync(metaFile, JSON.stringify({ ...meta, chunkerVersion: meta.chunkerVersion - 1 }));
    const first = runCli(['search', 'retry with backoff', '--db', old, '--k', '3']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain('was built by an older version of Groundwork: rebuilding it first');
    expect(first.stdout.split('\n')[0]).toMatch(/^1\. src\/util\/retry\.ts:1-5\s+retryWithBackoff/);
    const again = runCli(['search', 'retry with backoff', '--db', old, '--k', '3']);
    expect(again.stderr).not.toContain('rebuilding');
    expect(again.stdout.split('\n')[0]).toMatch(/^1\. src\/util\/retry\.ts:1-5/);
  });

  it('reviews a file named relative to --root when run from another folder', () => {
    const r = runCli(['review', 'lib/session.py:2-4', '--root', path.join(ws.dir, 'repo'), '--db', db, '--context']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('lib/session.py');
  });

  it('fails with a clear message and exit code on bad usage', () => {
    const r = runCli(['search', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Usage: groundwork search/);
    expect(runCli(['frobnicate']).code).toBe(2);
  });
});

describe('a process killed mid-index', () => {
  it('leaves an index that opens and completes on the next run', async () => {
    const big = tempDir('gw-kill-');
    const files: Record<string, string> = {};
    for (let i = 0; i < 1500; i++) {
      files[`pkg${i % 30}/module${i}.ts`] =
        `export function handler${i}(input: number): number {\n  return input * ${i};\n}\n\nexport class Service${i} {\n  run(): number {\n    return handler${i}(${i});\n  }\n}\n`;
    }
    writeTree(big.dir, files);
    const killDb = path.join(big.dir, '.db');
    try {
      const run = startCli(['index', big.dir, '--db', killDb], (err) => /indexing ([2-9]\d\d|1\d\d\d)\/1500/.test(err));
      await run.started;
      run.child.kill('SIGKILL');
      await new Promise((r) => run.child.once('exit', r));

      const second = runCli(['index', big.dir, '--db', killDb]);
      expect(second.code, second.stderr).toBe(0);
      expect(second.stderr).toMatch(/1500 files \(\d+ parsed, \d+ unchanged/);
      const third = runCli(['index', big.dir, '--db', killDb]);
      expect(third.stderr).toMatch(/1500 files \(0 parsed, 1500 unchanged, 0 removed, 0 skipped\)/);
      expect(third.stderr).toMatch(/4500 chunks/); // per file: a function, a class skeleton and its method
      const hit = runCli(['search', 'handler1234', '--db', killDb, '--json']);
      expect((JSON.parse(hit.stdout) as { chunks: Array<{ symbol: string }> }).chunks[0]!.symbol).toBe('handler1234');
    } finally {
      big.cleanup();
    }
  }, 180_000);
});
