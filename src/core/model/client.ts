/**
 * The per-role model client over the `openai` SDK. The SDK's own retries are off: `withRetry` owns
 * back-off (so it can log, cap `retry-after` and stop on abort); every failure leaves as ModelError.
 */
import OpenAI from 'openai';
import type { Logger } from '../log';
import { malformedResponse, scrub, toModelError } from './modelErrors';
import { isLocalEndpoint } from './presets';
import { DEFAULT_RETRY, withRetry } from './retry';
import type {
  ChatMessage, ChatOptions, ChatResult, CompleteOptions, CompleteResult, EmbedOptions, ModelClient,
  ModelClientFactory, ResolvedModel, ResponseFormat, RetryPolicy,
} from './types';

export interface ModelClientOptions {
  /** The key for this base URL; omitted for local servers without auth. Never logged. */
  apiKey?: string;
  logger: Logger;
  retry?: Partial<RetryPolicy>;
}

/** Sent when no key is configured: the SDK requires one and local servers ignore it. */
export const PLACEHOLDER_API_KEY = 'groundwork-no-key';

export function createModelClient(settings: ResolvedModel, options: ModelClientOptions): ModelClient {
  const { logger } = options;
  const apiKey = options.apiKey?.trim() || undefined;
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  if (!apiKey && !isLocalEndpoint(settings.baseUrl)) {
    logger.warn(`No API key is set for ${settings.baseUrl}; requests will likely be rejected (run "Groundwork: Set API Key").`);
  }
  const isAzure = /\.openai\.azure\.com$/i.test(safeHost(settings.baseUrl));
  const sdk = new OpenAI({
    apiKey: apiKey ?? PLACEHOLDER_API_KEY,
    baseURL: settings.baseUrl,
    organization: null,
    project: null,
    maxRetries: 0,
    timeout: settings.timeoutMs,
    logLevel: 'off',
    ...(isAzure && apiKey ? { defaultHeaders: { 'api-key': apiKey } } : {}),
  });
  const label = `${settings.role} model ${settings.model} @ ${settings.baseUrl}`;

  async function call<T>(what: string, signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> {
    const started = Date.now();
    try {
      const result = await withRetry(`${label} ${what}`, run, policy, logger, signal);
      logger.debug(`${label} ${what}: ok in ${Date.now() - started} ms`);
      return result;
    } catch (err) {
      const mapped = toModelError(err, settings, apiKey);
      if (mapped.name !== 'AbortError') logger.debug(`${label} ${what} failed: ${scrub(String((err as Error)?.message ?? err), apiKey)}`);
      throw mapped;
    }
  }

  /** The request fields every chat call shares. */
  const chatParams = (messages: ChatMessage[], opts: Omit<ChatOptions, 'responseFormat' | 'signal'>) => ({
    model: settings.model,
    messages,
    temperature: opts.temperature ?? settings.temperature,
    max_tokens: opts.maxTokens ?? settings.maxTokens,
  });

  return {
    settings,

    async chat(messages: ChatMessage[], opts: ChatOptions = {}): Promise<ChatResult> {
      const response = await call('chat', opts.signal, () =>
        sdk.chat.completions.create(
          {
            ...chatParams(messages, opts),
            ...(opts.responseFormat ? { response_format: toWireFormat(opts.responseFormat) } : {}),
          },
          { signal: opts.signal },
        ),
      );
      const choice = Array.isArray(response?.choices) ? response.choices[0] : undefined;
      const text = choice?.message?.content;
      if (typeof text !== 'string') throw malformedResponse(settings, 'no message content in choices[0]');
      return { text, model: response.model || settings.model, finishReason: choice?.finish_reason ?? undefined };
    },

    async *chatStream(messages: ChatMessage[], opts: Omit<ChatOptions, 'responseFormat'> = {}): AsyncIterable<string> {
      const stream = await call('chat stream', opts.signal, () =>
        sdk.chat.completions.create(
          { ...chatParams(messages, opts), stream: true },
          { signal: opts.signal },
        ),
      );
      try {
        for await (const chunk of stream) {
          const delta = chunk.choices?.[0]?.delta?.content;
          if (delta) yield delta;
        }
      } catch (err) {
        throw toModelError(err, settings, apiKey);
      }
    },

    async complete(prompt: string, opts: CompleteOptions = {}): Promise<CompleteResult> {
      const response = await call('completion', opts.signal, () =>
        sdk.completions.create(
          {
            model: settings.model,
            prompt,
            ...(opts.suffix !== undefined ? { suffix: opts.suffix } : {}),
            ...(opts.stop && opts.stop.length > 0 ? { stop: opts.stop.slice(0, 4) } : {}),
            max_tokens: opts.maxTokens ?? settings.maxTokens,
            temperature: opts.temperature ?? settings.temperature,
          },
          { signal: opts.signal },
        ),
      );
      const choice = Array.isArray(response?.choices) ? response.choices[0] : undefined;
      if (typeof choice?.text !== 'string') throw malformedResponse(settings, 'no text in choices[0]');
      return { text: choice.text, model: response.model || settings.model, finishReason: choice.finish_reason ?? undefined };
    },

    async embed(texts: string[], opts: EmbedOptions = {}): Promise<number[][]> {
      if (texts.length === 0) return [];
      const response = await call(`embed ×${texts.length}`, opts.signal, () =>
        sdk.embeddings.create(
          {
            model: settings.model,
            input: texts,
            encoding_format: 'float',
            ...(settings.dimensions !== undefined ? { dimensions: settings.dimensions } : {}),
          },
          { signal: opts.signal },
        ),
      );
      const data = Array.isArray(response?.data) ? [...response.data] : [];
      if (data.length !== texts.length) throw malformedResponse(settings, `${data.length} embeddings for ${texts.length} inputs`);
      data.sort((a, b) => a.index - b.index);
      return data.map((d) => {
        if (!Array.isArray(d.embedding) || d.embedding.some((v) => typeof v !== 'number')) {
          throw malformedResponse(settings, 'an embedding is not a list of numbers');
        }
        return d.embedding;
      });
    },

    async listModels(opts: { signal?: AbortSignal } = {}): Promise<string[]> {
      const page = await call('list models', opts.signal, () => sdk.models.list({ signal: opts.signal }));
      const data = Array.isArray(page?.data) ? page.data : [];
      return data.map((m) => m.id).filter((id): id is string => typeof id === 'string');
    },
  };
}

/** A factory that looks the key up per base URL (SecretStorage in the extension, env in the CLI). */
export function createModelClientFactory(
  apiKeyFor: (baseUrl: string) => string | undefined,
  logger: Logger,
  retry?: Partial<RetryPolicy>,
): ModelClientFactory {
  return (settings) => createModelClient(settings, { apiKey: apiKeyFor(settings.baseUrl), logger, ...(retry ? { retry } : {}) });
}

function toWireFormat(format: ResponseFormat): OpenAI.Chat.Completions.ChatCompletionCreateParams['response_format'] {
  if (format.type === 'json_object') return { type: 'json_object' };
  return { type: 'json_schema', json_schema: { name: format.name, schema: format.schema, strict: format.strict ?? true } };
}

function safeHost(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}
