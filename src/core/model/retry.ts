/** Retry with exponential back-off for 429/5xx, honouring `retry-after` (capped) and the abort signal. */
import { AbortError, throwIfAborted } from '../errors';
import type { Logger } from '../log';
import { isRetryable, retryAfterMs } from './modelErrors';
import type { RetryPolicy } from './types';

export const DEFAULT_RETRY: RetryPolicy = { retries: 3, baseDelayMs: 500, maxDelayMs: 20_000 };

export async function withRetry<T>(
  what: string,
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  logger: Logger,
  signal: AbortSignal | undefined,
): Promise<T> {
  for (let n = 0; ; n++) {
    throwIfAborted(signal);
    try {
      return await attempt();
    } catch (err) {
      if (n >= policy.retries || !isRetryable(err) || signal?.aborted) throw err;
      const backoff = policy.baseDelayMs * 2 ** n;
      const wait = Math.min(retryAfterMs(err) ?? backoff, policy.maxDelayMs);
      const status = (err as { status?: number }).status;
      logger.warn(`${what}: HTTP ${status}, retrying in ${Math.round(wait)} ms (attempt ${n + 2} of ${policy.retries + 1})`);
      await sleep(wait, signal);
    }
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
