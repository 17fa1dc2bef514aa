/**
 * Optional upload: exported JSONL → an OpenAI-compatible fine-tuning job (`files.create`,
 * `fine_tuning.jobs.create`, then polling `fine_tuning.jobs.retrieve`). Endpoints without that API
 * fail with a message that says so; the key never appears in a message.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import OpenAI, { toFile } from 'openai';
import { AbortError, GroundworkError, ModelError, throwIfAborted } from '../errors';
import type { Logger } from '../log';
import { toModelError } from '../model/modelErrors';
import type { ResolvedModel } from '../model/types';

export interface FineTuneRequest {
  baseUrl: string;
  apiKey?: string;
  /** The base model to fine-tune (as the provider names it). */
  model: string;
  trainingFile: string;
  validationFile?: string;
  /** `supervised` for sft.*.jsonl, `dpo` for preference.*.jsonl. */
  method?: 'supervised' | 'dpo';
  suffix?: string;
  pollIntervalMs?: number;
  /** Stop polling after this long (the job keeps running on the server). Default 2 h. */
  maxWaitMs?: number;
  signal?: AbortSignal;
  logger: Logger;
  onStatus?: (status: FineTuneStatus) => void;
}

export interface FineTuneStatus {
  jobId: string;
  status: string;
  fineTunedModel?: string;
  trainingFileId: string;
  validationFileId?: string;
  error?: string;
}

const DONE = new Set(['succeeded', 'failed', 'cancelled']);

export async function startFineTuningJob(req: FineTuneRequest): Promise<FineTuneStatus> {
  const { signal, logger } = req;
  const sdk = new OpenAI({ apiKey: req.apiKey || 'groundwork-no-key', baseURL: req.baseUrl, maxRetries: 2, timeout: 120_000, organization: null, project: null, logLevel: 'off' });
  const settings: ResolvedModel = { role: 'review', baseUrl: req.baseUrl, model: req.model, temperature: 0, maxTokens: 0, timeoutMs: 120_000 };
  const call = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    throwIfAborted(signal);
    try {
      return await run();
    } catch (err) {
      const mapped = toModelError(err, settings, req.apiKey);
      if (mapped instanceof ModelError && mapped.status !== undefined && [404, 405, 501].includes(mapped.status)) {
        throw new GroundworkError(
          `${req.baseUrl} does not offer the OpenAI fine-tuning API (${what} answered ${mapped.status}). ` +
            'Use the exported JSONL with your provider’s own tooling or an open-weight LoRA trainer, then serve the result and set groundwork.models.review to it.',
          { cause: mapped },
        );
      }
      throw mapped;
    }
  };
  const upload = async (file: string) => {
    const blob = await toFile(await readFile(file), path.basename(file));
    const created = await call('files.create', () => sdk.files.create({ file: blob, purpose: 'fine-tune' }, { signal }));
    logger.info(`fine-tune: uploaded ${path.basename(file)} as ${created.id}`);
    return created.id;
  };

  const trainingFileId = await upload(req.trainingFile);
  const validationFileId = req.validationFile ? await upload(req.validationFile) : undefined;
  const method = req.method === 'dpo' ? { method: { type: 'dpo' as const, dpo: {} } } : {};
  let job = await call('fine_tuning.jobs.create', () =>
    sdk.fineTuning.jobs.create(
      { model: req.model, training_file: trainingFileId, ...(validationFileId ? { validation_file: validationFileId } : {}), ...(req.suffix ? { suffix: req.suffix } : {}), ...method },
      { signal },
    ),
  );
  logger.info(`fine-tune: created job ${job.id} for ${req.model}`);
  const status = (): FineTuneStatus => ({
    jobId: job.id,
    status: job.status,
    trainingFileId,
    ...(validationFileId ? { validationFileId } : {}),
    ...(job.fine_tuned_model ? { fineTunedModel: job.fine_tuned_model } : {}),
    ...(job.error?.message ? { error: job.error.message } : {}),
  });
  req.onStatus?.(status());
  const deadline = Date.now() + (req.maxWaitMs ?? 2 * 3600_000);
  while (!DONE.has(job.status)) {
    if (Date.now() > deadline) {
      logger.info(`fine-tune: stopped waiting for ${job.id} (${job.status}); it keeps running on the server`);
      return status();
    }
    await sleep(req.pollIntervalMs ?? 15_000, signal);
    job = await call('fine_tuning.jobs.retrieve', () => sdk.fineTuning.jobs.retrieve(job.id, { signal }));
    req.onStatus?.(status());
  }
  if (job.status !== 'succeeded') {
    throw new GroundworkError(`Fine-tuning job ${job.id} ${job.status}${job.error?.message ? `: ${job.error.message}` : ''}.`);
  }
  return status();
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
