/** `groundwork review` and `groundwork export` end to end: dist/cli.js against the local test server. */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackEntry, FeedbackLog, reviewRecord } from '../../../src/core/feedback/log';
import { silentLogger } from '../../../src/core/log';
import type { ReviewResult } from '../../../src/core/review/review';
import { CLI } from '../../support/cli';
import { startOpenAIServer, type OpenAIServer } from '../../support/openaiServer';
import { tempDir, writeTree } from '../../support/tmp';
import { scriptedReview, SECRETS, WORKSPACE } from './reviewFixtures';

const KEY = 'sk-test-cli-review-key-1234567890';
let server: OpenAIServer;
let ws: ReturnType<typeof tempDir>;
let root: string;
let db: string;

/** Rebuilds dist/ when a source file is newer than dist/cli.js. */
function ensureBuilt(): void {
  const repo = path.resolve(__dirname, '../../..');
  const newest = (dir: string): number => readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
    const p = path.join(dir, e.name);
    return Math.max(m, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }, 0);
  const built = existsSync(CLI) ? statSync(CLI).mtimeMs : 0;
  if (built < newest(path.join(repo, 'src'))) execFileSync(process.execPath, [path.join(repo, 'scripts', 'build.mjs')], { cwd: repo, stdio: 'ignore' });
}

beforeAll(async () => {
  ensureBuilt();
  server = await startOpenAIServer({ apiKey: KEY });
  server.setHandler('chat', scriptedReview);
  ws = tempDir('gw-cli-review-');
  root = path.join(ws.dir, 'repo');
  mkdirSync(path.join(root, '.git'), { recursive: true });
  writeTree(root, WORKSPACE);
  db = path.join(ws.dir, 'db');
}, 180_000);
afterAll(async () => {
  await server?.close();
  ws?.cleanup();
});

/** Like support's runCli, but asynchronous: the test server runs in this process and must keep answering. */
function runCli(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, ...extraEnv }, timeout: 120_000, encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const env = () => ({ OPENAI_BASE_URL: server.url, OPENAI_API_KEY: KEY, GROUNDWORK_API_KEY: '', GROUNDWORK_SETTINGS: '' });

describe('groundwork review', () => {
  it('indexes on first use, sends the standards, prints the comments as JSON', async () => {
    const file = path.join(root, 'src/payments/charge.ts');
    const r = await runCli(['review', `${file}:2-5`, '--db', db, '--json', '--model', 'fake-review'], env());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/indexing first/);
    const out = JSON.parse(r.stdout) as ReviewResult;
    expect(out).toMatchObject({ path: 'src/payments/charge.ts', range: { startLine: 2, endLine: 5 }, model: 'fake-review' });
    expect(out.comments.map((c) => c.line)).toEqual([2, 3]);
    expect(out.comments[0]!.message).toMatch(/ACCEPT-ME/);
    const chat = server.requests.filter((q) => q.route === 'chat');
    expect(chat).toHaveLength(1);
    expect(chat[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect((chat[0]!.body as { model: string }).model).toBe('fake-review');
    expect(chat[0]!.rawBody).toMatch(/\[STD-1\] Use const/);
    expect(chat[0]!.rawBody).not.toContain(SECRETS.openaiKey);
  });

  it('prints a human-readable review; flags beat the environment', async () => {
    server.reset();
    server.setHandler('chat', scriptedReview);
    const r = await runCli(['review', path.join(root, 'src/util/format.ts'), '--root', root, '--db', db, '--base-url', server.url, '--model', 'ft:fake-review:team'], {
      ...env(), OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^src\/util\/format\.ts:1-\d+ — reviewed by ft:fake-review:team/);
    expect(r.stdout).toMatch(/▲ src\/util\/format\.ts:1 warning \(standards\)/);
    expect(r.stdout).toMatch(/2 comments: 1 warning, 1 info/);
  }, 60_000);

  it('explains a wrong key without printing it', async () => {
    const r = await runCli(['review', path.join(root, 'lib/report.py'), '--db', db], { ...env(), OPENAI_API_KEY: 'sk-wrong-key-abcdefghijklmnop' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/key/i);
    expect(r.stderr).not.toContain('sk-wrong-key-abcdefghijklmnop');
  });

  it('prints what a review would send with --context, without calling a model', async () => {
    const before = server.requests.length;
    // no usable endpoint at all: --context needs none
    const file = path.join(root, 'src/payments/charge.ts');
    const r = await runCli(['review', `${file}:2-5`, '--db', db, '--context'], { OPENAI_BASE_URL: 'not a url', OPENAI_API_KEY: '', GROUNDWORK_API_KEY: '', GROUNDWORK_SETTINGS: '' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^src\/payments\/charge\.ts:2-5: a review would send ~\d+ tokens, \d+ sources/);
    // every standard of the team goes to a review while they are few, STD-1 too, whose words
    // (const, let, var) matching leaves out as stop words
    for (const id of ['STD-1', 'STD-2', 'STD-3']) expect(r.stdout).toMatch(new RegExp(`\\[\\d+\\] standard ${id} — .+ \\(\\.groundwork/standards/team\\.md\\)`));
    // the standards document is not given a second time as code
    expect(r.stdout).not.toMatch(/\] \.groundwork\/standards\/team\.md:\d+-\d+/);
    expect(server.requests).toHaveLength(before);
    const json = await runCli(['review', `${file}:2-5`, '--db', db, '--context', '--json'], env());
    const out = JSON.parse(json.stdout) as { range: unknown; sources: Array<{ kind: string; id?: string }>; messages: Array<{ content: string }> };
    expect(out.range).toEqual({ startLine: 2, endLine: 5 });
    expect(out.sources.filter((s) => s.kind === 'standard').map((s) => s.id)).toContain('STD-1');
    // the messages are the prompt as it would leave: secrets already redacted
    expect(out.messages.map((m) => m.content).join('\n')).toMatch(/Review lines 2-5 of src\/payments\/charge\.ts/);
    expect(json.stdout).not.toContain(SECRETS.openaiKey);
    expect(server.requests).toHaveLength(before);
  });

  it('says a range past the end of the file is past its end', async () => {
    const r = await runCli(['review', `${path.join(root, 'lib/report.py')}:50-60`, '--db', db, '--context'], env());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/lib\/report\.py has 5 lines; lines 50-60 are past its end/);
  });

  it('rejects a malformed line range', async () => {
    const r = await runCli(['review', `${path.join(root, 'lib/report.py')}:5-2`, '--db', db], env());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/START-END/);
  });
});

describe('groundwork export', () => {
  it('turns a feedback log into fine-tuning files and prints the summary', async () => {
    const r = await runCli(['review', path.join(root, 'src/db/connect.ts'), '--db', db, '--json', '--model', 'fake-review'], env());
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as ReviewResult;
    const logFile = path.join(ws.dir, 'feedback.jsonl');
    const log = new FeedbackLog(logFile, silentLogger);
    const full: ReviewResult = { ...result, context: { messages: [{ role: 'system', content: 'Review.' }, { role: 'user', content: 'Review lines 1-4 of src/db/connect.ts (typescript)' }], sources: [] }, stats: { droppedOutOfRange: 0, clamped: 0, unknownStandards: 0, unknownSources: 0, merged: 0, invalidComments: 0, structuredOutput: true, repaired: false } };
    const record = reviewRecord(full, 'typescript');
    await log.append(feedbackEntry(record, result.comments[0]!, 'accepted'));
    await log.append(feedbackEntry(record, result.comments[1]!, 'dismissed'));
    const out = path.join(ws.dir, 'out');
    const e = await runCli(['export', '--log', logFile, '--out', out]);
    expect(e.code, e.stderr).toBe(0);
    expect(e.stdout).toMatch(/Exported 1 supervised and 1 preference examples from 2 feedback entries \(1 reviews\)/);
    expect(e.stdout).toMatch(/warning: Only 1 supervised example: 500\+/);
    expect(readdirSync(out).sort()).toEqual(['preference.train.jsonl', 'sft.train.jsonl']);
    for (const name of readdirSync(out)) expect(readFileSync(path.join(out, name), 'utf8')).not.toContain(SECRETS.echoedToken);
    const missing = await runCli(['export', '--log', path.join(ws.dir, 'nope.jsonl'), '--out', out]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No feedback log/);
  });
});
