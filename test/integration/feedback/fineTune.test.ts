/** Start Fine-Tuning Job's core against the local server: upload, create, poll — and a clear refusal where unsupported. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFineTuningJob, type FineTuneStatus } from '../../../src/core/feedback/fineTune';
import { silentLogger } from '../../../src/core/log';
import { startOpenAIServer, type OpenAIServer } from '../../support/openaiServer';
import { tempDir } from '../../support/tmp';

const KEY = 'sk-test-fine-tune-key-0123456789';
let server: OpenAIServer;
let dir: ReturnType<typeof tempDir>;
const TRAIN = '{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"{\\"summary\\":\\"s\\",\\"comments\\":[]}"}]}\n';
const VALID = '{"messages":[{"role":"user","content":"v"},{"role":"assistant","content":"{\\"summary\\":\\"v\\",\\"comments\\":[]}"}]}\n';

beforeAll(async () => {
  server = await startOpenAIServer({ apiKey: KEY });
  dir = tempDir('gw-ft-');
  writeFileSync(path.join(dir.dir, 'sft.train.jsonl'), TRAIN);
  writeFileSync(path.join(dir.dir, 'sft.validation.jsonl'), VALID);
});
afterAll(async () => {
  await server.close();
  dir.cleanup();
});
beforeEach(() => server.reset());

const request = () => ({
  baseUrl: server.url, apiKey: KEY, model: 'gpt-4.1-mini', suffix: 'team',
  trainingFile: path.join(dir.dir, 'sft.train.jsonl'), validationFile: path.join(dir.dir, 'sft.validation.jsonl'),
  pollIntervalMs: 5, logger: silentLogger,
});

describe('startFineTuningJob', () => {
  it('uploads both files, creates the job and polls it to the fine-tuned model id', async () => {
    const seen: FineTuneStatus[] = [];
    const result = await startFineTuningJob({ ...request(), onStatus: (s) => seen.push(s) });
    expect(result).toMatchObject({ status: 'succeeded', trainingFileId: 'file-1', validationFileId: 'file-2' });
    expect(result.fineTunedModel).toMatch(/^ft:gpt-4\.1-mini:groundwork:team:ftjob-1$/);
    expect(seen.map((s) => s.status)).toEqual(['queued', 'running', 'succeeded']);

    const routes = server.requests.map((r) => `${r.method} ${r.path}`);
    expect(routes).toEqual([
      'POST /v1/files', 'POST /v1/files', 'POST /v1/fine_tuning/jobs', 'GET /v1/fine_tuning/jobs/ftjob-1', 'GET /v1/fine_tuning/jobs/ftjob-1',
    ]);
    expect(server.files.get('file-1')).toMatchObject({ filename: 'sft.train.jsonl', purpose: 'fine-tune', content: TRAIN });
    expect(server.files.get('file-2')).toMatchObject({ filename: 'sft.validation.jsonl', content: VALID });
    expect(server.requests[2]!.body).toEqual({ model: 'gpt-4.1-mini', training_file: 'file-1', validation_file: 'file-2', suffix: 'team' });
    for (const r of server.requests) expect(r.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('sends preference data as a DPO job', async () => {
    await startFineTuningJob({ ...request(), validationFile: undefined, method: 'dpo' });
    expect(server.requests.find((r) => r.route === 'fineTuningCreate')!.body).toMatchObject({ training_file: 'file-3', method: { type: 'dpo' } });
  });

  it('says clearly when the endpoint has no fine-tuning API, without the key', async () => {
    server.fail('files', { status: 404, body: { error: { message: `Not found (key ${KEY})`, type: 'invalid_request_error' } } });
    const err = await startFineTuningJob(request()).then(() => undefined, (e: Error) => e);
    expect(err?.message).toMatch(/does not offer the OpenAI fine-tuning API \(files\.create answered 404\)/);
    expect(err?.message).not.toContain(KEY);
  });
});
