/**
 * The inline completion logic, host-free: gates (enabled, language, trust, excluded files,
 * comments/strings), the cache, debounce, cancellation of the previous request on the next
 * keystroke, context assembly, the model call (FIM, suffix or chat) and post-processing.
 * Failures never reach the editor: they log one line and show no ghost text.
 */
import type { Config } from '../config';
import { AbortError, ConfigError, errorMessage, isAbortError, ModelError } from '../errors';
import type { Logger } from '../log';
import type { ModelClient } from '../model/types';
import { completionCacheKey, LruCache } from './cache';
import { cursorPlace } from './lexical';
import { postProcess, wantsMultiline } from './postprocess';
import { buildCompletionPrompt, prefixWindow, suffixWindow } from './prompt';
import { chooseMode } from './templates';
import type { CompletionContextSource, CompletionMode, CompletionRequest, CompletionResult, ContextSnippet } from './types';

export interface CompleterDeps {
  logger: Logger;
  config(): Config;
  /** The completion model for a file (routes applied). Throws ConfigError when none is configured. */
  clientFor(target: { path: string; language: string }): Promise<ModelClient>;
  /** Repository context for the request's file; undefined when its folder has no index. */
  contextFor(req: CompletionRequest): Promise<CompletionContextSource | undefined>;
  /** False in an untrusted workspace: nothing is sent anywhere. */
  isTrusted(): boolean;
  /** True for files the index leaves out (excludes, secrets files): nothing of them is sent. */
  isExcluded(req: CompletionRequest): boolean;
  /** The workspace folder's name (Qwen / StarCoder2 `repo_name`). */
  repoName(req: CompletionRequest): string;
}

export interface CompleterOptions {
  prefixChars?: number;
  suffixChars?: number;
  contextTokens?: number;
  cacheSize?: number;
  /** Max tokens on a single-line completion (mid-line cursor). */
  singleLineTokens?: number;
  /** After a 429, no request for this long (ms). */
  rateLimitPauseMs?: number;
}

/** Statuses that mean "this endpoint or model has no /v1/completions": use the chat fallback. */
const NO_FIM_STATUS = new Set([400, 404, 405, 501]);

export class InlineCompleter {
  private readonly cache: LruCache<string>;
  private inflight: AbortController | undefined;
  private readonly chatOnly = new Set<string>();
  private reported: string | undefined;
  private pausedUntil = 0;
  private last: { path: string; prefixLength: number; tail: string; suffix: string; text: string; mode: CompletionMode } | undefined;

  constructor(
    private readonly deps: CompleterDeps,
    private readonly options: CompleterOptions = {},
  ) {
    this.cache = new LruCache(options.cacheSize ?? 200);
  }

  /** Why a request gets no completion before anything is computed, or undefined. */
  skipReason(req: CompletionRequest): string | undefined {
    const { completion } = this.deps.config();
    if (!completion.enabled) return 'completions are off';
    if (completion.languages[req.language] === false) return `completions are off for ${req.language}`;
    if (!this.deps.isTrusted()) return 'untrusted workspace';
    if (this.deps.isExcluded(req)) return 'file excluded from the index';
    if (completion.skipCommentsAndStrings && cursorPlace(req.prefix, req.language) !== 'code') return 'inside a comment or string';
    return undefined;
  }

  /** Cancels the request in flight (the editor moved on). */
  cancel(): void {
    this.inflight?.abort();
    this.inflight = undefined;
  }

  clearCache(): void {
    this.cache.clear();
    this.last = undefined;
  }

  async complete(req: CompletionRequest, signal?: AbortSignal): Promise<CompletionResult | undefined> {
    this.cancel();
    const controller = new AbortController();
    this.inflight = controller;
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) controller.abort();
    try {
      return await this.run(req, controller.signal);
    } catch (err) {
      if (!isAbortError(err)) this.reportFailure(err);
      return undefined;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      if (this.inflight === controller) this.inflight = undefined;
    }
  }

  private async run(req: CompletionRequest, signal: AbortSignal): Promise<CompletionResult | undefined> {
    if (this.skipReason(req) || Date.now() < this.pausedUntil) return undefined;
    const config = this.deps.config();
    const client = await this.deps.clientFor({ path: req.path, language: req.language });
    const model = client.settings.model;
    const mode: CompletionMode = this.chatOnly.has(model) ? 'chat' : chooseMode(model, config.completion.template);
    const prefix = prefixWindow(req.prefix, this.options.prefixChars ?? 6000);
    const suffix = suffixWindow(req.suffix, this.options.suffixChars ?? 2000);
    const key = completionCacheKey({ model, mode, path: req.path, prefix, suffix });
    const hit = this.cache.get(key) ?? this.typedAhead(req, mode);
    if (hit !== undefined) return hit ? { text: hit, cached: true, mode, sources: [] } : undefined;

    await delay(config.completion.debounceMs, signal);
    const source = await this.deps.contextFor(req);
    const snippets: ContextSnippet[] = source
      ? await source.gather({ path: req.path, language: req.language, prefix, suffix, line: req.line, budgetTokens: this.options.contextTokens ?? 400, signal })
      : [];
    const answer = await this.ask(client, mode, { req, prefix, suffix, snippets, signal });
    if (signal.aborted) throw new AbortError();
    const text = answer === undefined ? undefined : postProcess({ completion: answer.text, prefix: req.prefix, suffix: req.suffix, language: req.language, stop: answer.stop, mode: answer.mode });
    this.cache.set(key, text ?? '');
    this.recovered();
    if (text === undefined) return undefined;
    this.last = { path: req.path, prefixLength: req.prefix.length, tail: req.prefix.slice(-200), suffix: req.suffix, text, mode };
    return { text, cached: false, mode: answer!.mode, sources: snippets.map((s) => s.label) };
  }

  private async ask(
    client: ModelClient,
    mode: CompletionMode,
    ctx: { req: CompletionRequest; prefix: string; suffix: string; snippets: ContextSnippet[]; signal: AbortSignal },
  ): Promise<{ text: string; stop: string[]; mode: CompletionMode } | undefined> {
    const { req, signal } = ctx;
    const prompt = buildCompletionPrompt({ mode, prefix: ctx.prefix, suffix: ctx.suffix, path: req.path, language: req.language, repoName: this.deps.repoName(req), snippets: ctx.snippets });
    const multiline = wantsMultiline(req.suffix);
    const maxTokens = multiline ? client.settings.maxTokens : Math.min(client.settings.maxTokens, this.options.singleLineTokens ?? 48);
    const stop = multiline ? prompt.stop : ['\n', ...prompt.stop];
    if (prompt.kind === 'chat') {
      const reply = await client.chat(prompt.messages, { maxTokens, signal });
      return { text: reply.text, stop, mode };
    }
    try {
      const reply = await client.complete(prompt.prompt, { ...(prompt.suffix !== undefined ? { suffix: prompt.suffix } : {}), stop, maxTokens, signal });
      return { text: reply.text, stop, mode };
    } catch (err) {
      if (!(err instanceof ModelError) || err.status === undefined || !NO_FIM_STATUS.has(err.status)) throw err;
      this.chatOnly.add(client.settings.model);
      this.deps.logger.info(`The completion model ${client.settings.model} did not accept /v1/completions (HTTP ${err.status}); using the chat fallback for it.`);
      return this.ask(client, 'chat', ctx);
    }
  }

  /** The user typed the start of the completion on screen: the rest of it, without a request. */
  private typedAhead(req: CompletionRequest, mode: CompletionMode): string | undefined {
    const last = this.last;
    if (!last || last.path !== req.path || last.mode !== mode || req.prefix.length <= last.prefixLength) return undefined;
    if (req.suffix !== last.suffix || req.prefix.slice(last.prefixLength - last.tail.length, last.prefixLength) !== last.tail) return undefined;
    const typed = req.prefix.slice(last.prefixLength);
    return last.text.startsWith(typed) && last.text.length > typed.length ? last.text.slice(typed.length) : undefined;
  }

  /** One log line per failure episode (a run of errors), not one per keystroke. */
  private reportFailure(err: unknown): void {
    if (err instanceof ModelError && err.status === 429) this.pausedUntil = Date.now() + (this.options.rateLimitPauseMs ?? 5000);
    const message = err instanceof ConfigError ? `Inline completions need a completion model: ${errorMessage(err)}` : `Inline completion failed: ${errorMessage(err)}`;
    const episode = err instanceof ModelError ? `model:${err.status ?? 'network'}` : message;
    if (this.reported === episode) return;
    this.reported = episode;
    if (err instanceof ModelError || err instanceof ConfigError) this.deps.logger.warn(message);
    else this.deps.logger.error('Inline completion failed', err);
  }

  private recovered(): void {
    if (this.reported?.startsWith('model:')) this.deps.logger.info('Inline completions work again.');
    this.reported = undefined;
  }
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(new AbortError());
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
