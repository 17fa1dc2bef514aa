/**
 * The checks a fine-tuning provider runs on chat-format JSONL, run before anything is written:
 * roles and their order, non-empty turns, an assistant turn that parses as review JSON, and a
 * size limit per example. Each failure is a short reason, counted in the export summary.
 */
import type { ChatMessage } from '../model/types';
import { estimateTokens } from '../prompt/sanitize';
import { CATEGORIES, SEVERITIES } from '../review/schema';
import type { PreferenceExample, SftExample } from './dataset';

/** Default per-example limit; providers and LoRA trainers commonly cap examples at 32k-64k tokens. */
export const DEFAULT_MAX_EXAMPLE_TOKENS = 32_768;

const ROLES = new Set(['system', 'user', 'assistant']);

export function exampleTokens(messages: readonly ChatMessage[]): number {
  return messages.reduce((sum, m) => sum + estimateTokens(m.content) + 4, 0);
}

function checkTurns(messages: unknown): string | undefined {
  if (!Array.isArray(messages) || messages.length === 0) return 'no messages';
  for (const [i, m] of messages.entries()) {
    const msg = m as Partial<ChatMessage> | null;
    if (!msg || typeof msg !== 'object' || !ROLES.has(String(msg.role))) return 'unknown role';
    if (typeof msg.content !== 'string' || msg.content.trim() === '') return 'empty turn';
    if (msg.role === 'system' && i !== 0) return 'system turn not first';
  }
  return undefined;
}

/** The assistant turn must be a review in the wire format. */
export function checkReviewJson(content: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch {
    return 'assistant output is not JSON';
  }
  const review = value as { summary?: unknown; comments?: unknown };
  if (!review || typeof review !== 'object' || typeof review.summary !== 'string' || !Array.isArray(review.comments)) {
    return 'assistant output is not a review object';
  }
  for (const c of review.comments as Array<Record<string, unknown>>) {
    if (!c || typeof c !== 'object') return 'review comment is not an object';
    if (!Number.isInteger(c.line) || (c.line as number) < 1) return 'review comment without a line';
    if (!(SEVERITIES as readonly unknown[]).includes(c.severity)) return 'review comment with an unknown severity';
    if (!(CATEGORIES as readonly unknown[]).includes(c.category)) return 'review comment with an unknown category';
    if (typeof c.message !== 'string' || c.message.trim() === '') return 'review comment without a message';
  }
  return undefined;
}

export function validateSft(example: SftExample, maxTokens = DEFAULT_MAX_EXAMPLE_TOKENS): string | undefined {
  const turns = checkTurns(example.messages);
  if (turns) return turns;
  const msgs = example.messages;
  if (!msgs.some((m) => m.role === 'user')) return 'no user turn';
  const last = msgs[msgs.length - 1]!;
  if (last.role !== 'assistant') return 'last turn is not the assistant';
  const json = checkReviewJson(last.content);
  if (json) return json;
  if (exampleTokens(msgs) > maxTokens) return `longer than ${maxTokens} tokens`;
  return undefined;
}

export function validatePreference(example: PreferenceExample, maxTokens = DEFAULT_MAX_EXAMPLE_TOKENS): string | undefined {
  const turns = checkTurns(example.input?.messages);
  if (turns) return turns;
  const input = example.input.messages;
  if (input[input.length - 1]!.role !== 'user') return 'input does not end with a user turn';
  for (const output of [example.preferred_output, example.non_preferred_output]) {
    if (!Array.isArray(output) || output.length !== 1) return 'an output is not exactly one assistant turn';
    const out = output[0]!;
    if (out.role !== 'assistant' || typeof out.content !== 'string' || out.content.trim() === '') return 'an output is not a non-empty assistant turn';
    const json = checkReviewJson(out.content);
    if (json) return json;
  }
  if (example.preferred_output[0]!.content === example.non_preferred_output[0]!.content) return 'preferred and non-preferred outputs are equal';
  const longest = Math.max(exampleTokens([...input, ...example.preferred_output]), exampleTokens([...input, ...example.non_preferred_output]));
  if (longest > maxTokens) return `longer than ${maxTokens} tokens`;
  return undefined;
}
