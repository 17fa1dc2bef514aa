/**
 * Host-side validation of every message the webview posts (the webview is a web page: treat what it
 * sends as input). One zod schema per entry of `WebviewToHost`; the `satisfies` clause keeps the two
 * in step at compile time. Unknown types and unknown keys are rejected.
 */
import { z } from 'zod';
import { LIMITS, REQUEST_ID_PATTERN, type WebviewMessage, type WebviewToHost } from './protocol';

const requestId = z.string().regex(REQUEST_ID_PATTERN, 'a request id is 1-64 letters, digits, "-" or "_"');
const line = z.number().int().min(1).max(10_000_000);
const relPath = z
  .string()
  .min(1)
  .max(LIMITS.pathChars)
  .refine((p) => !/[\u0000-\u001f]/.test(p), 'a path has no control characters');

const selectionRef = z
  .object({ path: relPath, startLine: line, endLine: line })
  .strict()
  .refine((s) => s.endLine >= s.startLine, 'a selection ends after it starts');

const schemas = {
  ready: z.object({}).strict(),
  'chat/send': z.object({ requestId, text: z.string().max(LIMITS.questionChars), selection: selectionRef.nullable() }).strict(),
  'chat/abort': z.object({ requestId }).strict(),
  'chat/new': z.object({}).strict(),
  'source/open': z.object({ path: relPath, startLine: line.optional(), endLine: line.optional() }).strict(),
  'link/open': z.object({ url: z.string().max(LIMITS.urlChars) }).strict(),
  'code/copy': z.object({ code: z.string().max(LIMITS.codeChars) }).strict(),
  'code/insert': z.object({ code: z.string().max(LIMITS.codeChars) }).strict(),
  'model/configure': z.object({}).strict(),
  'logs/show': z.object({}).strict(),
} satisfies { [K in keyof WebviewToHost]: z.ZodType<WebviewToHost[K]> };

export type ParsedMessage = { ok: true; message: WebviewMessage } | { ok: false; error: string };

export function parseWebviewMessage(raw: unknown): ParsedMessage {
  const head = z.object({ type: z.string() }).passthrough().safeParse(raw);
  if (!head.success) return { ok: false, error: 'a message is an object with a string "type"' };
  const { type, ...payload } = head.data;
  if (!Object.prototype.hasOwnProperty.call(schemas, type)) return { ok: false, error: `unknown message type "${type.slice(0, 40)}"` };
  const result = schemas[type as keyof WebviewToHost].safeParse(payload);
  if (!result.success) {
    const issue = result.error.issues[0];
    return { ok: false, error: `invalid "${type}" message: ${issue ? `${issue.path.join('.') || '(message)'}: ${issue.message}` : 'rejected'}` };
  }
  // The schema for `type` validated the payload, so the pair is that member of the union.
  return { ok: true, message: { type, ...result.data } as WebviewMessage };
}

/** Only these link schemes are opened from an answer. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' || parsed.protocol === 'mailto:';
  } catch {
    return false;
  }
}
