/**
 * Tolerant parsing of a model's review reply: reasoning blocks, ```json fences, prose around the
 * JSON, trailing commas, raw newlines inside strings, a bare array of comments. What cannot be
 * read comes back as an error text that the repair request quotes to the model.
 */
import { rawCommentSchema, rawReviewSchema, type RawComment } from './schema';

export type ParsedReview =
  | { ok: true; summary: string; comments: RawComment[]; invalidComments: number }
  | { ok: false; error: string };

export function parseReviewOutput(text: string): ParsedReview {
  const value = extractJson(text);
  if (value === undefined) return { ok: false, error: 'the reply contains no JSON object' };
  const top = Array.isArray(value) ? { summary: '', comments: value } : aliasComments(value);
  const parsed = rawReviewSchema.safeParse(top);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `the JSON does not match the schema: ${issue?.path.join('.') || 'top level'}: ${issue?.message}` };
  }
  const comments: RawComment[] = [];
  let invalid = 0;
  let firstProblem = '';
  for (const [i, item] of parsed.data.comments.entries()) {
    const c = rawCommentSchema.safeParse(item);
    if (c.success) comments.push(c.data);
    else {
      invalid++;
      const issue = c.error.issues[0];
      firstProblem ||= `comments[${i}].${issue?.path.join('.')}: ${issue?.message}`;
    }
  }
  if (invalid > 0 && comments.length === 0) return { ok: false, error: `no comment matches the schema (${firstProblem})` };
  return { ok: true, summary: parsed.data.summary, comments, invalidComments: invalid };
}

function aliasComments(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  if ('comments' in obj) return obj;
  for (const alias of ['issues', 'findings', 'review_comments', 'reviewComments']) {
    if (Array.isArray(obj[alias])) return { ...obj, comments: obj[alias] };
  }
  return obj;
}

/** The first JSON value found in the text, after light repairs; undefined when there is none. */
export function extractJson(text: string): unknown {
  const withoutThinking = text.replace(/<think>[\s\S]*?<\/think>/gi, '').trim();
  const candidates: string[] = [];
  for (const m of withoutThinking.matchAll(/```(?:json|JSON)?\s*\n?([\s\S]*?)```/g)) candidates.push(m[1]!);
  candidates.push(withoutThinking);
  for (const candidate of candidates) {
    const span = outermostSpan(candidate);
    if (!span) continue;
    for (const attempt of [span, repairJson(span)]) {
      try {
        return JSON.parse(attempt) as unknown;
      } catch (err) {
        void err; // try the next, more repaired, form
      }
    }
  }
  return undefined;
}

/** From the first `{` (or `[` when it comes first) to the matching last closer. */
function outermostSpan(text: string): string | undefined {
  const obj = text.indexOf('{');
  const arr = text.indexOf('[');
  const start = obj < 0 ? arr : arr < 0 ? obj : Math.min(obj, arr);
  if (start < 0) return undefined;
  const closer = text[start] === '{' ? '}' : ']';
  const end = text.lastIndexOf(closer);
  return end > start ? text.slice(start, end + 1) : text.slice(start);
}

/**
 * String-aware repairs: trailing commas removed, raw control characters inside strings escaped,
 * unclosed brackets closed (a reply cut off by max_tokens keeps its complete comments).
 */
export function repairJson(text: string): string {
  let out = '';
  let inString = false;
  const stack: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      if (ch === '\\') {
        out += ch + (text[i + 1] ?? '');
        i++;
      } else if (ch === '"') {
        inString = false;
        out += ch;
      } else if (ch === '\n') out += '\\n';
      else if (ch === '\r') out += '\\r';
      else if (ch === '\t') out += '\\t';
      else out += ch;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{') stack.push('}');
    else if (ch === '[') stack.push(']');
    else if (ch === '}' || ch === ']') {
      out = out.replace(/,\s*$/, '');
      stack.pop();
    }
    out += ch;
  }
  if (inString) out += '"';
  out = out.replace(/,\s*$/, '');
  while (stack.length > 0) out += stack.pop();
  return out;
}
