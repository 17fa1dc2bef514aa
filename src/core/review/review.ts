/**
 * reviewCode: selection → retrieval → one prompt → model (strict JSON schema, prompt-only fallback,
 * one repair) → validated comments. The UI and the CLI render the result; nothing here writes files.
 */
import type { Config } from '../config';
import { GroundworkError, ModelError, throwIfAborted } from '../errors';
import type { Logger } from '../log';
import { resolveModel } from '../model/resolve';
import type { ChatMessage, ChatOptions, ModelClient, ModelClientFactory } from '../model/types';
import type { BuiltPrompt, PromptSource } from '../prompt/builder';
import type { RetrievalResult, Retriever } from '../retrieve/types';
import { parseReviewOutput, type ParsedReview } from './parse';
import { buildReviewPrompt } from './prompt';
import { REVIEW_FORMAT_TAG, REVIEW_SCHEMA_NAME, reviewJsonSchema, type ReviewComment } from './schema';
import { validateComments, type ValidationStats } from './validate';

export interface ReviewRequest {
  file: { path: string; language: string; text: string };
  /** 1-based inclusive; the whole file when omitted. */
  range?: { startLine: number; endLine: number };
  retriever: Retriever;
  /** A factory applies `groundwork.models.routes`; a fixed client is used as is. */
  client: ModelClient | ModelClientFactory;
  config: Config;
  signal?: AbortSignal;
  logger: Logger;
}

export interface ReviewResult {
  path: string;
  range: { startLine: number; endLine: number };
  summary: string;
  comments: ReviewComment[];
  /** The model that answered, and the route that picked it. */
  model: string;
  routedBy?: string;
  /** What was sent (for the feedback log and "sources used"). */
  context: { messages: ChatMessage[]; sources: PromptSource[] };
  stats: ValidationStats & { invalidComments: number; structuredOutput: boolean; repaired: boolean };
}

/** Reviews larger than this (in lines) must be narrowed to a selection. */
export const MAX_REVIEW_LINES = 1500;

/** What a review sends for a range: the retrieval and the prompt built from it (no model involved). */
export interface ReviewContext {
  range: { startLine: number; endLine: number };
  /** Undefined when the reviewed lines are empty (nothing is retrieved or sent). */
  retrieval?: RetrievalResult;
  prompt?: BuiltPrompt;
}

/**
 * The reviewed range (the whole file when none is given), its retrieval and the prompt a review
 * would send. `reviewCode` sends this prompt; `groundwork review --context` prints it.
 */
export async function reviewContext(request: Omit<ReviewRequest, 'client'>): Promise<ReviewContext> {
  const { file, config, signal } = request;
  throwIfAborted(signal);
  const lines = file.text.split(/\r?\n/);
  // A final line break ends the last line; it does not start another.
  const lineCount = lines.length > 1 && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  if (request.range && request.range.startLine > lineCount) {
    throw new GroundworkError(
      `${file.path} has ${lineCount} line${lineCount === 1 ? '' : 's'}; lines ${request.range.startLine}-${request.range.endLine} are past its end.`,
    );
  }
  const range = clampRange(request.range, lineCount);
  if (range.endLine - range.startLine + 1 > MAX_REVIEW_LINES) {
    throw new GroundworkError(
      `${file.path} has ${range.endLine - range.startLine + 1} lines to review; select at most ${MAX_REVIEW_LINES} lines and review the selection.`,
    );
  }
  const selectionText = lines.slice(range.startLine - 1, range.endLine).join('\n');
  if (selectionText.trim() === '') return { range };
  const retrieval = await request.retriever.retrieve({
    selection: { path: file.path, text: selectionText, startLine: range.startLine, endLine: range.endLine, fileText: file.text },
    path: file.path,
    budgetTokens: config.retrieval.maxContextTokens,
    includeStandards: true,
    allApplicableStandards: true,
    signal,
  });
  throwIfAborted(signal);
  return { range, retrieval, prompt: buildReviewPrompt({ path: file.path, language: file.language, ...range, lines }, retrieval, config) };
}

export async function reviewCode(request: ReviewRequest): Promise<ReviewResult> {
  const { file, config, logger, signal } = request;
  throwIfAborted(signal);
  const client = typeof request.client === 'function'
    ? request.client(resolveModel(config, 'review', { path: file.path, language: file.language }))
    : request.client;
  const { range, retrieval, prompt } = await reviewContext(request);
  const base = { path: file.path, range, model: client.settings.model, ...(client.settings.routedBy ? { routedBy: client.settings.routedBy } : {}) };
  if (!retrieval || !prompt) {
    return { ...base, summary: 'Nothing to review: the selected lines are empty.', comments: [], context: { messages: [], sources: [] }, stats: emptyStats() };
  }
  const s = prompt.sanitized;
  if (s.secrets > 0) logger.info(`review: redacted ${s.secrets} secret(s) (${s.secretKinds.join(', ')}) before sending`);
  if (s.invisible > 0) logger.info(`review: stripped ${s.invisible} invisible character(s) (${s.invisibleKinds.join(', ')})`);
  logger.debug(`review: ${prompt.sources.length} sources, ${prompt.omitted} omitted for budget, ~${prompt.estimatedTokens} tokens${retrieval.thin ? ', thin context' : ''}`);

  const exchange = await requestReview(client, prompt.messages, signal, logger);
  const { comments, stats } = validateComments(exchange.parsed.comments, {
    path: file.path, startLine: range.startLine, endLine: range.endLine, sources: prompt.sources,
  });
  const total = exchange.parsed.comments.length;
  if (stats.droppedOutOfRange || stats.unknownStandards || stats.merged || exchange.parsed.invalidComments) {
    logger.info(
      `review: kept ${comments.length} of ${total + exchange.parsed.invalidComments} comments ` +
        `(${exchange.parsed.invalidComments} invalid, ${stats.droppedOutOfRange} outside lines ${range.startLine}-${range.endLine}, ` +
        `${stats.clamped} clamped, ${stats.unknownStandards} unknown standard ids, ${stats.merged} duplicates merged)`,
    );
  }
  return {
    ...base,
    model: exchange.model,
    summary: exchange.parsed.summary.trim(),
    comments,
    context: { messages: prompt.messages, sources: prompt.sources },
    stats: { ...stats, invalidComments: exchange.parsed.invalidComments, structuredOutput: exchange.structured, repaired: exchange.repaired },
  };
}

type Parsed = Extract<ParsedReview, { ok: true }>;

async function requestReview(
  client: ModelClient,
  messages: ChatMessage[],
  signal: AbortSignal | undefined,
  logger: Logger,
): Promise<{ parsed: Parsed; model: string; structured: boolean; repaired: boolean }> {
  let structured = true;
  const options = (): ChatOptions => ({
    ...(signal ? { signal } : {}),
    ...(structured ? { responseFormat: { type: 'json_schema', name: REVIEW_SCHEMA_NAME, schema: reviewJsonSchema(), strict: true } } : {}),
  });
  const send = async (msgs: ChatMessage[]) => {
    try {
      return await client.chat(msgs, options());
    } catch (err) {
      if (!structured || !rejectsStructuredOutput(err)) throw err;
      logger.info(`review: ${client.settings.model} does not accept response_format json_schema; asking for JSON in the prompt instead`);
      structured = false;
      return client.chat(msgs, options());
    }
  };

  const first = await send(messages);
  const parsed = parseReviewOutput(first.text);
  if (parsed.ok) return { parsed, model: first.model, structured, repaired: false };

  logger.warn(`review: the model's reply was not usable (${parsed.error}); sending one repair request`);
  throwIfAborted(signal);
  const repair: ChatMessage[] = [
    ...messages,
    { role: 'assistant', content: first.text.slice(0, 12_000) },
    {
      role: 'user',
      content:
        `Your reply could not be used: ${parsed.error}. Reply again with only the JSON object in the required format ` +
        `(${REVIEW_FORMAT_TAG}): no prose, no code fences.`,
    },
  ];
  const second = await send(repair);
  const reparsed = parseReviewOutput(second.text);
  if (reparsed.ok) return { parsed: reparsed, model: second.model, structured, repaired: true };
  throw new ModelError(
    `The review model "${client.settings.model}" at ${client.settings.baseUrl} did not return valid review JSON, even after a repair ` +
      `request (${reparsed.error}). Use a model that follows JSON instructions or supports structured output (groundwork.models.review).`,
    client.settings.baseUrl,
  );
}

/** A 4xx (or a 500 from servers that crash on it) whose text is about response_format / json_schema. */
function rejectsStructuredOutput(err: unknown): boolean {
  if (!(err instanceof ModelError) || err.status === undefined) return false;
  if (![400, 415, 422, 500, 501].includes(err.status)) return false;
  return /response_format|json_schema|structured output|grammar|schema/i.test(err.message);
}

function clampRange(range: ReviewRequest['range'], lineCount: number): { startLine: number; endLine: number } {
  if (!range) return { startLine: 1, endLine: Math.max(1, lineCount) };
  const start = Math.min(Math.max(1, Math.floor(range.startLine)), lineCount);
  const end = Math.min(Math.max(start, Math.floor(range.endLine)), lineCount);
  return { startLine: start, endLine: end };
}

function emptyStats(): ReviewResult['stats'] {
  return { droppedOutOfRange: 0, clamped: 0, unknownStandards: 0, unknownSources: 0, merged: 0, invalidComments: 0, structuredOutput: false, repaired: false };
}
