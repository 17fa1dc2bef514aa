/**
 * The three ways a question is answered: chat/explain (retrieval → the shared prompt builder →
 * streamed model answer), /search (retrieval only) and /review (the review pipeline). Each writes
 * into the turn and reports through `emit`; the session owns the turn's lifecycle.
 */
import type { Config } from '../config';
import { ConfigError, GroundworkError, errorMessage, throwIfAborted } from '../errors';
import type { Logger } from '../log';
import type { ChatMessage, ModelClient } from '../model/types';
import { buildPrompt } from '../prompt/builder';
import { estimateTokens } from '../prompt/sanitize';
import { reviewCode } from '../review/review';
import type { Retriever } from '../retrieve/types';
import { THIN_ANSWER, noModelAnswer, reviewAnswer, searchAnswer, sourcesFromPrompt, sourcesFromRetrieval } from './answers';
import type { ChatTurn, SelectionRef, SourceLink } from './protocol';

/** The editor text behind a selection chip, read when the question is sent. */
export interface SelectionSnapshot extends SelectionRef {
  language: string;
  /** The selected lines. */
  text: string;
  /** The whole document (review needs the file). */
  fileText: string;
}

/** What the chat needs from its host; the VS Code shell implements it, tests fake the UI parts. */
export interface ChatModels {
  /** The retriever of the workspace folder holding `path` (the first folder when undefined). */
  retriever(path?: string): Promise<Retriever | undefined>;
  /** Throws ConfigError when no model is configured for the role. */
  modelClient(role: 'chat' | 'review', target?: { path?: string; language?: string }): Promise<ModelClient>;
}

export interface TaskContext {
  models: ChatModels;
  config: Config;
  logger: Logger;
  turn: ChatTurn;
  selection: SelectionSnapshot | undefined;
  /** The question without its slash command. */
  text: string;
  /** Earlier turns for the prompt. */
  history: ChatMessage[];
  signal: AbortSignal;
  sources(sources: SourceLink[], thin: boolean): void;
  chunk(text: string): void;
}

/** Sources to show at most for /search and the no-model answer. */
const MAX_LISTED = 12;

async function retrieverOf(ctx: TaskContext): Promise<Retriever> {
  const retriever = await ctx.models.retriever(ctx.selection?.path);
  if (!retriever) throw new GroundworkError('Open a folder first: Groundwork answers from the indexed workspace.');
  return retriever;
}

async function retrieve(ctx: TaskContext) {
  const retriever = await retrieverOf(ctx);
  const s = ctx.selection;
  const result = await retriever.retrieve({
    ...(ctx.text ? { query: ctx.text } : {}),
    ...(s ? { selection: { path: s.path, text: s.text, startLine: s.startLine, endLine: s.endLine, fileText: s.fileText }, path: s.path } : {}),
    budgetTokens: ctx.config.retrieval.maxContextTokens,
    includeStandards: true,
    signal: ctx.signal,
  });
  throwIfAborted(ctx.signal);
  return result;
}

export async function runSearch(ctx: TaskContext): Promise<void> {
  if (!ctx.text && !ctx.selection) throw new GroundworkError('Write what to search for after /search, or attach a selection.');
  const result = await retrieve(ctx);
  const sources = result.thin ? [] : sourcesFromRetrieval(result).slice(0, MAX_LISTED);
  ctx.sources(sources, result.thin);
  ctx.chunk(searchAnswer(sources, result.thin));
}

export async function runAnswer(ctx: TaskContext, explain: boolean): Promise<void> {
  const s = ctx.selection;
  if (explain && !s && !ctx.text) throw new GroundworkError('Select the code to explain in the editor, or name it after /explain.');
  if (!explain && !ctx.text && !s) throw new GroundworkError('Type a question first.');
  const result = await retrieve(ctx);

  let client: ModelClient;
  try {
    client = await ctx.models.modelClient('chat', s ? { path: s.path, language: s.language } : undefined);
  } catch (err) {
    if (!(err instanceof GroundworkError)) throw err;
    ctx.logger.info(`chat: answering with sources only (${errorMessage(err)})`);
    const sources = sourcesFromRetrieval(result).slice(0, MAX_LISTED);
    ctx.sources(sources, result.thin);
    ctx.chunk(noModelAnswer(sources, result.thin, err instanceof ConfigError ? 'none is configured' : errorMessage(err)));
    ctx.turn.needsModel = err instanceof ConfigError;
    return;
  }

  if (result.thin && result.chunks.length === 0 && result.standards.length === 0 && !s) {
    ctx.sources([], true);
    ctx.chunk(THIN_ANSWER);
    return;
  }
  const subjectText = s ? s.text : '';
  const prompt = buildPrompt({
    task: explain ? 'explain' : 'chat',
    content: ctx.text || 'Explain what the selected code does, how it fits into the codebase, and what calls it.',
    ...(s ? { subject: { label: `selected code ${s.path}:${s.startLine}-${s.endLine}`, text: subjectText } } : {}),
    chunks: result.chunks,
    standards: result.standards,
    thin: result.thin,
    history: ctx.history,
    budgetTokens: ctx.config.retrieval.maxContextTokens + estimateTokens(subjectText) + 1000,
  });
  const z = prompt.sanitized;
  if (z.secrets > 0 || z.invisible > 0) ctx.logger.info(`chat: redacted ${z.secrets} secret(s), stripped ${z.invisible} invisible character(s) before sending`);
  ctx.logger.debug(`chat: ${prompt.sources.length} sources, ${prompt.omitted} omitted for budget, ~${prompt.estimatedTokens} tokens${result.thin ? ', thin context' : ''}`);
  ctx.sources(sourcesFromPrompt(prompt.sources), result.thin);

  for await (const delta of client.chatStream(prompt.messages, { signal: ctx.signal })) {
    if (ctx.signal.aborted) break;
    ctx.chunk(delta);
  }
  throwIfAborted(ctx.signal);
}

export async function runReview(ctx: TaskContext): Promise<void> {
  const s = ctx.selection;
  if (!s) throw new GroundworkError('Select the code to review in the editor; the selection is attached to the question.');
  const retriever = await retrieverOf(ctx);
  const client = await ctx.models.modelClient('review', { path: s.path, language: s.language });
  const result = await reviewCode({
    file: { path: s.path, language: s.language, text: s.fileText },
    range: { startLine: s.startLine, endLine: s.endLine },
    retriever,
    client,
    config: ctx.config,
    signal: ctx.signal,
    logger: ctx.logger,
  });
  throwIfAborted(ctx.signal);
  ctx.sources(sourcesFromPrompt(result.context.sources), false);
  ctx.chunk(reviewAnswer(result));
}
