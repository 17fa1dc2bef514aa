/**
 * The fixture's deterministic "model": what the local OpenAI-compatible server answers when a test
 * has not scripted a reply. Good enough for unscripted e2e runs: a review request gets one valid
 * comment on the first reviewed line citing the first standard in the prompt; chat gets a short
 * answer citing [1]; FIM gets a short code line; embeddings are unit vectors from a hash of the input.
 */
import { createHash, randomUUID } from 'node:crypto';
import { REVIEW_FORMAT_TAG, REVIEW_SCHEMA_NAME } from '../../src/core/review/schema';

export interface ChatRequestBody {
  model?: string;
  messages?: Array<{ role: string; content: unknown }>;
  response_format?: { type?: string; json_schema?: { name?: string } };
  stream?: boolean;
}

const textOf = (content: unknown): string =>
  typeof content === 'string'
    ? content
    : Array.isArray(content)
      ? content.map((p) => (typeof p === 'object' && p && 'text' in p ? String(p.text) : '')).join('')
      : '';

export function isReviewRequest(body: ChatRequestBody): boolean {
  if (body.response_format?.json_schema?.name === REVIEW_SCHEMA_NAME) return true;
  return (body.messages ?? []).some((m) => m.role === 'system' && textOf(m.content).includes(REVIEW_FORMAT_TAG));
}

export function defaultChatReply(body: ChatRequestBody): string {
  if (isReviewRequest(body)) return JSON.stringify(defaultReview(body));
  const last = [...(body.messages ?? [])].reverse().find((m) => m.role === 'user');
  const question = textOf(last?.content).split('\n').filter((l) => l.trim()).pop() ?? '';
  return `Based on the retrieved code [1], here is the answer to "${question.slice(0, 80)}".\n\n- It is defined in the first source [1].`;
}

/** One comment on the first reviewed line, citing the first standard id found in the prompt. */
export function defaultReview(body: ChatRequestBody): unknown {
  const prompt = (body.messages ?? []).map((m) => textOf(m.content)).join('\n');
  const range = /Review lines (\d+)-(\d+) of (\S+) \(([^)]*)\)/.exec(prompt);
  if (!range) return { summary: 'Nothing to review.', comments: [] };
  const start = Number(range[1]);
  const language = range[4] ?? '';
  // The numbered selection comes after the context sources: take the last "N | code" line for N.
  const numbered = [...prompt.matchAll(new RegExp(`^\\s*${start} \\| ?(.*)$`, 'gm'))];
  const lineText = numbered[numbered.length - 1]?.[1] ?? '';
  const standardId = /\[\d+\] standard (\S+)/.exec(prompt)?.[1];
  return {
    summary: 'One issue found (deterministic test model).',
    comments: [
      {
        line: start,
        endLine: start,
        severity: 'warning',
        category: standardId ? 'standards' : 'readability',
        message: standardId ? `This line does not follow standard ${standardId}.` : 'This line could be clearer.',
        suggestion: suggestFor(lineText, language),
        standardId: standardId ?? null,
        sources: [],
      },
    ],
  };
}

function suggestFor(line: string, language: string): string {
  if (/\bvar\s/.test(line)) return line.replace(/\bvar\s/, 'const ');
  if (/[^=!]==[^=]/.test(line)) return line.replace(/([^=!])==([^=])/, '$1===$2');
  const comment = /python|ruby|shell|bash|yaml|toml|r$/i.test(language) ? '#' : '//';
  return `${line.replace(/\s+$/, '')} ${comment} reviewed`;
}

export function defaultCompletionReply(prompt: string): string {
  return prompt.includes('def ') ? 'return result' : 'return result;';
}

const created = () => Math.floor(Date.now() / 1000);
const nextId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 12)}`;

export function chatCompletionBody(model: string, text: string, finishReason = 'stop'): unknown {
  return {
    id: nextId('chatcmpl'),
    object: 'chat.completion',
    created: created(),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: finishReason }],
    usage: { prompt_tokens: 10, completion_tokens: Math.ceil(text.length / 4), total_tokens: 10 + Math.ceil(text.length / 4) },
  };
}

/** Splits the text into a few deltas so clients really have to assemble a stream. */
export function chatStreamChunks(model: string, text: string, finishReason = 'stop'): unknown[] {
  const id = nextId('chatcmpl');
  const base = { id, object: 'chat.completion.chunk', created: created(), model };
  const pieces = splitText(text);
  return [
    { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
    ...pieces.map((p) => ({ ...base, choices: [{ index: 0, delta: { content: p }, finish_reason: null }] })),
    { ...base, choices: [{ index: 0, delta: {}, finish_reason: finishReason }] },
  ];
}

export function completionBody(model: string, text: string): unknown {
  return {
    id: nextId('cmpl'),
    object: 'text_completion',
    created: created(),
    model,
    choices: [{ index: 0, text, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 },
  };
}

export function completionStreamChunks(model: string, text: string): unknown[] {
  const id = nextId('cmpl');
  const pieces = splitText(text);
  return pieces.map((p, i) => ({
    id, object: 'text_completion', created: created(), model,
    choices: [{ index: 0, text: p, logprobs: null, finish_reason: i === pieces.length - 1 ? 'stop' : null }],
  }));
}

function splitText(text: string): string[] {
  const pieces = text.match(/[\s\S]{1,8}/g) ?? [''];
  return pieces.length > 0 ? pieces : [''];
}

/** A deterministic unit vector for a text (same text → same vector; similar texts are unrelated). */
export function fakeEmbedding(text: string, dims: number): number[] {
  const out: number[] = [];
  let block = 0;
  while (out.length < dims) {
    const digest = createHash('sha256').update(`${block++}:${text}`).digest();
    for (let i = 0; i + 4 <= digest.length && out.length < dims; i += 4) out.push(digest.readInt32LE(i) / 2 ** 31);
  }
  const norm = Math.sqrt(out.reduce((s, v) => s + v * v, 0)) || 1;
  return out.map((v) => v / norm);
}

export function embeddingBody(model: string, input: unknown, dims: number, base64: boolean): unknown {
  const texts = Array.isArray(input) ? input.map(String) : [String(input ?? '')];
  return {
    object: 'list',
    model,
    data: texts.map((t, index) => {
      const vector = fakeEmbedding(t, dims);
      const embedding = base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
      return { object: 'embedding', index, embedding };
    }),
    usage: { prompt_tokens: texts.length, total_tokens: texts.length },
  };
}
