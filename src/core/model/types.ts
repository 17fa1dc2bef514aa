/** The model layer's contract: what the rest of core sees of an OpenAI-compatible endpoint. */
import type { ModelRole } from '../config';

/** One role's model after settings, defaults and routes were applied. */
export interface ResolvedModel {
  role: ModelRole;
  /** OpenAI-compatible base URL ending in `/v1` (or the provider's equivalent). */
  baseUrl: string;
  /** Model name; a fine-tuned id (`ft:…`), LoRA adapter name or Ollama tag is just a name. */
  model: string;
  temperature: number;
  maxTokens: number;
  timeoutMs: number;
  /** Embedding dimensions, when configured (embedding role only). */
  dimensions?: number;
  /** Which route chose this model: `glob:src/payments/**` or `language:python`. */
  routedBy?: string;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export type ResponseFormat =
  | { type: 'json_schema'; name: string; schema: Record<string, unknown>; strict?: boolean }
  | { type: 'json_object' };

export interface ChatOptions {
  signal?: AbortSignal;
  responseFormat?: ResponseFormat;
  temperature?: number;
  maxTokens?: number;
}

export interface ChatResult {
  text: string;
  /** The model that answered (as reported by the server, else the requested one). */
  model: string;
  finishReason: string | undefined;
}

export interface CompleteOptions {
  suffix?: string;
  stop?: string[];
  maxTokens?: number;
  temperature?: number;
  signal?: AbortSignal;
}

export interface CompleteResult {
  text: string;
  model: string;
  finishReason: string | undefined;
}

export interface EmbedOptions {
  signal?: AbortSignal;
}

/** A client for one resolved model. All calls retry 429/5xx, time out, and honour the signal. */
export interface ModelClient {
  readonly settings: ResolvedModel;
  chat(messages: ChatMessage[], options?: ChatOptions): Promise<ChatResult>;
  chatStream(messages: ChatMessage[], options?: Omit<ChatOptions, 'responseFormat'>): AsyncIterable<string>;
  /** Legacy `/v1/completions` (fill-in-the-middle when `suffix` is given). */
  complete(prompt: string, options?: CompleteOptions): Promise<CompleteResult>;
  embed(texts: string[], options?: EmbedOptions): Promise<number[][]>;
  /** GET /models: used to test a connection and to offer model names. */
  listModels(options?: { signal?: AbortSignal }): Promise<string[]>;
}

/** Builds a client for a resolved model (the host supplies the API key for its base URL). */
export type ModelClientFactory = (settings: ResolvedModel) => ModelClient;

export interface RetryPolicy {
  /** Retries after the first attempt (default 3). */
  retries: number;
  /** First back-off delay (default 500 ms), doubled each retry. */
  baseDelayMs: number;
  /** Cap on any single wait, including a server's `retry-after` (default 20 s). */
  maxDelayMs: number;
}
