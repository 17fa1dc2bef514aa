/**
 * Issue 7, end to end in core: real reviews (real index, real retrieval, the review core, the OpenAI
 * SDK against the local test server) → feedback log → fine-tuning export.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/core/config';
import type { PreferenceExample, SftExample } from '../../../src/core/feedback/dataset';
import { exportFineTuningData, type ExportSummary } from '../../../src/core/feedback/export';
import { feedbackEntry, FeedbackLog, reviewRecord } from '../../../src/core/feedback/log';
import { validatePreference, validateSft } from '../../../src/core/feedback/validate';
import { silentLogger } from '../../../src/core/log';
import { createModelClientFactory } from '../../../src/core/model/client';
import { reviewCode } from '../../../src/core/review/review';
import { testEngine, type TestEngine } from '../../support/engine';
import { startOpenAIServer, type OpenAIServer } from '../../support/openaiServer';
import { tempDir, writeTree } from '../../support/tmp';
import { scriptedReview, SECRETS, WORKSPACE } from './reviewFixtures';

let server: OpenAIServer;
let ws: ReturnType<typeof tempDir>;
let te: TestEngine;
let log: FeedbackLog;
let outDir: string;
let summary: ExportSummary;
const reviewedPaths = Object.keys(WORKSPACE).filter((p) => !p.endsWith('.md'));

const readJsonl = <T>(file: string): T[] => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as T);
const pathOfPrompt = (messages: Array<{ content: string }>): string => /Review lines \d+-\d+ of (\S+) \(/.exec(messages.map((m) => m.content).join('\n'))![1]!;

beforeAll(async () => {
  server = await startOpenAIServer();
  server.setHandler('chat', scriptedReview);
  ws = tempDir('gw-feedback-');
  const root = path.join(ws.dir, 'repo');
  mkdirSync(root);
  writeTree(root, WORKSPACE);
  te = await testEngine(root);
  await te.engine.index();
  log = new FeedbackLog(path.join(ws.dir, 'storage', 'feedback', 'feedback.jsonl'), silentLogger);
  const config = parseConfig({ 'models.review': { baseUrl: server.url, model: 'fake-review' } });
  const client = createModelClientFactory(() => 'sk-test-fixture-key-000000000000', silentLogger);

  // Every file reviewed (payments twice: the repeat is a duplicate); first comment accepted, second dismissed;
  // util/format's first comment edited before it was applied.
  for (const rel of [...reviewedPaths, 'src/payments/charge.ts']) {
    const text = WORKSPACE[rel]!;
    const result = await reviewCode({ file: { path: rel, language: rel.endsWith('.py') ? 'python' : 'typescript', text }, retriever: te.engine.retriever, client, config, logger: silentLogger });
    expect(result.comments).toHaveLength(2);
    const record = reviewRecord(result, rel.endsWith('.py') ? 'python' : 'typescript');
    const [keep, drop] = result.comments;
    if (rel === 'src/util/format.ts') await log.append(feedbackEntry(record, keep!, 'edited', { editedSuggestion: '  const text = value.toFixed(2); // edited by hand' }));
    else await log.append(feedbackEntry(record, keep!, 'accepted'));
    await log.append(feedbackEntry(record, drop!, 'dismissed'));
  }
  outDir = path.join(ws.dir, 'export');
  const { entries, invalidLines } = await log.read();
  expect(invalidLines).toBe(0);
  summary = await exportFineTuningData(entries, outDir);
}, 120_000);

afterAll(async () => {
  await te?.cleanup();
  await server?.close();
  ws?.cleanup();
});

describe('fine-tuning export from real review runs', () => {
  it('writes SFT and preference files that pass the provider checks', () => {
    expect(readdirSync(outDir).sort()).toEqual(['preference.train.jsonl', 'preference.validation.jsonl', 'sft.train.jsonl', 'sft.validation.jsonl']);
    for (const name of ['sft.train.jsonl', 'sft.validation.jsonl']) {
      for (const ex of readJsonl<SftExample>(path.join(outDir, name))) {
        expect(validateSft(ex)).toBeUndefined();
        expect(ex.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant']);
      }
    }
    for (const name of ['preference.train.jsonl', 'preference.validation.jsonl']) {
      for (const ex of readJsonl<PreferenceExample>(path.join(outDir, name))) expect(validatePreference(ex)).toBeUndefined();
    }
    expect(summary.sft.train + summary.sft.validation).toBe(reviewedPaths.length);
    expect(summary.preference.train + summary.preference.validation).toBe(reviewedPaths.length);
    expect(summary.duplicatesRemoved).toBe(2);
    expect(summary.warnings.join(' ')).toMatch(/500\+ is the usual guidance/);
  });

  it('uses the prompt exactly as the server received it', () => {
    const sent = server.requests.filter((r) => r.route === 'chat').map((r) => JSON.stringify((r.body as { messages: unknown[] }).messages));
    const examples = [...readJsonl<SftExample>(path.join(outDir, 'sft.train.jsonl')), ...readJsonl<SftExample>(path.join(outDir, 'sft.validation.jsonl'))];
    for (const ex of examples) expect(sent).toContain(JSON.stringify(ex.messages.slice(0, 2)));
  });

  it('puts accepted comments on the preferred side and dismissed ones only on the other', () => {
    const cited: Array<string | null> = [];
    for (const name of ['sft.train.jsonl', 'sft.validation.jsonl']) {
      for (const ex of readJsonl<SftExample>(path.join(outDir, name))) {
        const answer = ex.messages[2]!.content;
        expect(answer).toMatch(/ACCEPT-ME/);
        expect(answer).not.toMatch(/DISMISS-ME/);
        cited.push((JSON.parse(answer) as { comments: Array<{ standardId: string | null }> }).comments[0]!.standardId);
      }
    }
    // Standards retrieved for the reviewed code are cited by id in the training answers.
    expect(cited.filter((id) => id !== null && /^STD-\d$/.test(id)).length).toBeGreaterThan(0);
    const pairs = ['preference.train.jsonl', 'preference.validation.jsonl'].flatMap((n) => readJsonl<PreferenceExample>(path.join(outDir, n)));
    for (const p of pairs) {
      expect(p.preferred_output[0]!.content).toMatch(/ACCEPT-ME/);
      expect(p.preferred_output[0]!.content).not.toMatch(/DISMISS-ME/);
      expect(p.non_preferred_output[0]!.content).toMatch(/DISMISS-ME/);
    }
    const edited = pairs.find((p) => pathOfPrompt(p.input.messages) === 'src/util/format.ts')!;
    expect(edited.preferred_output[0]!.content).toContain('edited by hand');
    expect(edited.non_preferred_output[0]!.content).not.toContain('edited by hand');
  });

  it('splits by file: no reviewed file on both sides', () => {
    const side = (names: string[]) => new Set(names.flatMap((n) => {
      const rows = readJsonl<SftExample | PreferenceExample>(path.join(outDir, n));
      return rows.map((r) => pathOfPrompt('messages' in r ? r.messages : r.input.messages));
    }));
    const train = side(['sft.train.jsonl', 'preference.train.jsonl']);
    const validation = side(['sft.validation.jsonl', 'preference.validation.jsonl']);
    expect(validation.size).toBeGreaterThan(0);
    expect([...train].filter((p) => validation.has(p))).toEqual([]);
    expect(new Set([...train, ...validation])).toEqual(new Set(reviewedPaths));
  });

  it('no fixture secret reaches the server, the log or any exported file', () => {
    const outputs = [log.file, ...readdirSync(outDir).map((n) => path.join(outDir, n))].map((f) => readFileSync(f, 'utf8'));
    const sent = server.requests.map((r) => r.rawBody);
    for (const secret of Object.values(SECRETS)) {
      for (const text of [...outputs, ...sent]) expect(text).not.toContain(secret);
    }
    expect(readFileSync(log.file, 'utf8')).toMatch(/\[REDACTED:github-token\]/);
  });
});
