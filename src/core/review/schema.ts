/**
 * The review result schema (docs/DESIGN.md "Review comments"): a zod schema that validates what the
 * model returns, and the equivalent strict JSON schema sent as `response_format`.
 */
import { z } from 'zod';

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export const CATEGORIES = [
  'bug', 'security', 'performance', 'standards', 'readability', 'maintainability', 'testing', 'other',
] as const;
export type Severity = (typeof SEVERITIES)[number];
export type Category = (typeof CATEGORIES)[number];

/** Name of the `response_format` JSON schema; also how test servers recognise a review request. */
export const REVIEW_SCHEMA_NAME = 'groundwork_review';
/** Appears in every review system prompt (also when the server cannot do `json_schema`). */
export const REVIEW_FORMAT_TAG = 'groundwork-review/1';

/** One comment as the UI and the feedback log see it: validated, in range, with a stable id. */
export interface ReviewComment {
  id: string;
  line: number;
  endLine?: number;
  severity: Severity;
  category: Category;
  message: string;
  suggestion?: string;
  standardId?: string;
  sources?: string[];
}

const SEVERITY_ALIASES: Record<string, Severity> = {
  error: 'error', critical: 'error', high: 'error', major: 'error', blocker: 'error',
  warning: 'warning', warn: 'warning', medium: 'warning', moderate: 'warning',
  info: 'info', information: 'info', low: 'info', minor: 'info', note: 'info', nit: 'info', suggestion: 'info',
};

const optionalText = z
  .string()
  .nullish()
  .transform((v) => (v === null || v === undefined || v.trim() === '' ? undefined : v));

const lineNumber = z.coerce.number().int().positive();

/** Lenient on the small things models get wrong (case, aliases, numbers as strings, nulls). */
export const rawCommentSchema = z.object({
  line: lineNumber,
  endLine: lineNumber.nullish().transform((v) => v ?? undefined),
  severity: z
    .string()
    .transform((s) => SEVERITY_ALIASES[s.trim().toLowerCase()])
    .pipe(z.enum(SEVERITIES)),
  category: z
    .string()
    .nullish()
    .transform((c) => {
      const v = (c ?? '').trim().toLowerCase();
      return (CATEGORIES as readonly string[]).includes(v) ? (v as Category) : 'other';
    }),
  message: z.string().trim().min(1),
  suggestion: optionalText,
  standardId: optionalText,
  sources: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? undefined),
});
export type RawComment = z.infer<typeof rawCommentSchema>;

/** The top level: comments are validated one by one so that one bad comment does not sink the rest. */
export const rawReviewSchema = z.object({
  summary: z.string().nullish().transform((v) => v ?? ''),
  comments: z.array(z.unknown()),
});

/** Strict JSON schema for `response_format` (OpenAI strict mode: every key required, nullable instead of optional). */
export function reviewJsonSchema(): Record<string, unknown> {
  const nullable = (type: string) => ({ type: [type, 'null'] });
  return {
    type: 'object',
    additionalProperties: false,
    required: ['summary', 'comments'],
    properties: {
      summary: { type: 'string' },
      comments: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['line', 'endLine', 'severity', 'category', 'message', 'suggestion', 'standardId', 'sources'],
          properties: {
            line: { type: 'integer' },
            endLine: nullable('integer'),
            severity: { type: 'string', enum: [...SEVERITIES] },
            category: { type: 'string', enum: [...CATEGORIES] },
            message: { type: 'string' },
            suggestion: nullable('string'),
            standardId: nullable('string'),
            sources: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    },
  };
}

/** The same schema in words, for servers that only take prompt instructions. */
export const REVIEW_FORMAT_INSTRUCTIONS = [
  `Reply with one JSON object only (format ${REVIEW_FORMAT_TAG}), no prose before or after it:`,
  '{ "summary": string,',
  '  "comments": [ { "line": number, "endLine": number | null,',
  `      "severity": ${SEVERITIES.map((s) => `"${s}"`).join(' | ')},`,
  `      "category": ${CATEGORIES.map((c) => `"${c}"`).join(' | ')},`,
  '      "message": string, "suggestion": string | null,',
  '      "standardId": string | null, "sources": string[] } ] }',
  '"line"/"endLine" are 1-based line numbers of the file, inside the reviewed range.',
  '"suggestion" is the complete replacement text for lines line..endLine (no line numbers, no code fences), or null.',
  '"standardId" is the id of a standard given in the context that the comment applies, or null.',
  '"sources" lists the labels (path:start-end) of context sources the comment relies on.',
  'Return "comments": [] when the code has no problems.',
].join('\n');
