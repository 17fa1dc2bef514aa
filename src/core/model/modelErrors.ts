/**
 * SDK / network failures → ModelError with a message that tells the user what to do.
 * Nothing here may ever contain the API key: every server-provided text goes through `scrub`.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { AbortError, ModelError } from '../errors';
import type { ResolvedModel } from './types';

/** Removes the key (and anything shaped like a bearer token) from text that will be shown or logged. */
export function scrub(text: string, apiKey: string | undefined): string {
  let out = text;
  if (apiKey && apiKey.length >= 4) out = out.split(apiKey).join('***');
  return out
    .replace(/\b(sk|rk|pk)-[A-Za-z0-9_-]{8,}/g, '$1-***')
    .replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, '$1***');
}

function serverDetail(err: APIError): string {
  const body = err.error as { message?: unknown } | undefined;
  const detail = typeof body?.message === 'string' ? body.message : err.message;
  return detail.replace(/\s+/g, ' ').slice(0, 300);
}

function hasCode(err: unknown, codes: string[]): boolean {
  let cur: unknown = err;
  for (let depth = 0; cur && depth < 5; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && codes.includes(code)) return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}

/** Maps anything thrown by the SDK to ModelError (or AbortError for the user's own cancellation). */
export function toModelError(err: unknown, model: ResolvedModel, apiKey: string | undefined): Error {
  if (err instanceof ModelError || err instanceof AbortError) return err;
  const endpoint = model.baseUrl;
  const where = `${model.role} model "${model.model}" at ${endpoint}`;
  const make = (message: string, status?: number) =>
    new ModelError(scrub(message, apiKey), endpoint, status, { cause: err });

  if (err instanceof APIUserAbortError) return new AbortError();
  if (err instanceof APIConnectionTimeoutError) {
    return make(
      `The ${where} did not answer within ${seconds(model.timeoutMs)} s. Check that the server is running and reachable, ` +
        `or raise groundwork.models.${model.role} → "timeoutMs".`,
    );
  }
  if (err instanceof APIConnectionError) {
    const refused = hasCode(err, ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EHOSTUNREACH']);
    return make(
      `Cannot reach the ${where}${refused ? ' (connection refused or host not found)' : ''}. ` +
        `Check that the server is running and that groundwork.models.${model.role} → "baseUrl" is right.`,
    );
  }
  if (err instanceof APIError && err.status !== undefined) {
    const status = err.status;
    const detail = serverDetail(err);
    if (status === 401 || status === 403) {
      return make(
        `The ${where} rejected the API key (HTTP ${status}). Run "Groundwork: Set API Key" for ${endpoint} ` +
          `(the CLI reads OPENAI_API_KEY or GROUNDWORK_API_KEY).`,
        status,
      );
    }
    if (status === 404) {
      return make(
        `Not found (HTTP 404) at ${endpoint}: either the model "${model.model}" does not exist there or the base URL is wrong ` +
          `(it usually ends in /v1). Check groundwork.models.${model.role}. Server said: ${detail}`,
        status,
      );
    }
    if (status === 429) {
      return make(`The ${where} is rate limiting requests (HTTP 429) and retries did not help. Wait a minute and try again. Server said: ${detail}`, status);
    }
    if (status >= 500) {
      return make(`The ${where} had a server error (HTTP ${status}) and retries did not help. Try again later or check the server's logs. Server said: ${detail}`, status);
    }
    return make(`The ${where} rejected the request (HTTP ${status}): ${detail}`, status);
  }
  if (err instanceof SyntaxError) {
    return make(`The ${where} returned a malformed response (not valid JSON). Is the base URL an OpenAI-compatible /v1 endpoint?`);
  }
  const message = err instanceof Error ? err.message : String(err);
  return make(`The ${where} failed: ${message}`);
}

/** A response that parsed but lacks what the API promises (no choices, no embedding …). */
export function malformedResponse(model: ResolvedModel, what: string): ModelError {
  return new ModelError(
    `The ${model.role} model "${model.model}" at ${model.baseUrl} returned a malformed response (${what}). ` +
      'Is the base URL an OpenAI-compatible /v1 endpoint?',
    model.baseUrl,
  );
}

const seconds = (ms: number) => (ms < 10_000 ? (ms / 1000).toFixed(1) : String(Math.round(ms / 1000)));

/** 429, 408 and 5xx are worth retrying; everything else fails at once. */
export function isRetryable(err: unknown): boolean {
  return err instanceof APIError && err.status !== undefined && (err.status === 429 || err.status === 408 || err.status >= 500);
}

/** The server's `retry-after` / `retry-after-ms` in milliseconds, when given. */
export function retryAfterMs(err: unknown): number | undefined {
  if (!(err instanceof APIError) || !err.headers) return undefined;
  const ms = err.headers.get('retry-after-ms');
  if (ms && !Number.isNaN(Number(ms))) return Number(ms);
  const after = err.headers.get('retry-after');
  if (!after) return undefined;
  const seconds = Number(after);
  if (!Number.isNaN(seconds)) return seconds * 1000;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
