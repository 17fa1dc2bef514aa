/**
 * The typed configuration. `package.json` `contributes.configuration` is the schema users see;
 * this validates the values into one frozen object. Core receives it and never reads settings.
 */
import { z } from 'zod';
import { ConfigError } from './errors';

export const MODEL_ROLES = ['chat', 'review', 'completion', 'embedding'] as const;
export type ModelRole = (typeof MODEL_ROLES)[number];

const modelSchema = z
  .object({
    baseUrl: z.string().url().optional(),
    model: z.string().min(1).optional(),
    temperature: z.number().min(0).max(2).optional(),
    maxTokens: z.number().int().positive().optional(),
    timeoutMs: z.number().int().positive().optional(),
    dimensions: z.number().int().positive().optional(),
  })
  .strict();
export type ModelSettings = z.infer<typeof modelSchema>;

const routeSchema = z
  .object({
    glob: z.string().min(1).optional(),
    language: z.string().min(1).optional(),
    roles: z.array(z.enum(['review', 'completion'])).optional(),
    baseUrl: z.string().url().optional(),
    model: z.string().min(1),
  })
  .strict()
  .refine((r) => r.glob !== undefined || r.language !== undefined, 'a route needs "glob" or "language"');
export type ModelRoute = z.infer<typeof routeSchema>;

export const configSchema = z.object({
  index: z.object({
    enabled: z.boolean().default(true),
    exclude: z.array(z.string()).default([]),
    maxFileSizeKB: z.number().min(16).max(16384).default(512),
  }),
  standards: z.object({ include: z.array(z.string()).default([]) }),
  retrieval: z.object({
    maxContextTokens: z.number().int().min(500).max(100_000).default(6000),
    relevanceFloor: z.number().min(0).max(1).default(0.2),
  }),
  models: z.object({
    chat: modelSchema.default({}),
    review: modelSchema.default({}),
    completion: modelSchema.default({}),
    embedding: modelSchema.default({}),
    routes: z.array(routeSchema).default([]),
  }),
  completion: z.object({
    enabled: z.boolean().default(true),
    languages: z.record(z.boolean()).default({}),
    debounceMs: z.number().int().min(0).max(2000).default(200),
    contextDeadlineMs: z.number().int().min(5).max(1000).default(50),
    template: z.enum(['auto', 'qwen', 'deepseek', 'starcoder2', 'codestral', 'suffix', 'chat']).default('auto'),
    skipCommentsAndStrings: z.boolean().default(true),
  }),
  review: z.object({ includeSimilarCode: z.boolean().default(true) }),
});
export type Config = Readonly<z.infer<typeof configSchema>>;

/** Raw values as `section.key` → value (what `getConfiguration('groundwork')` yields). */
export type RawSettings = Record<string, unknown>;

function nest(raw: RawSettings): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {
    index: {}, standards: {}, retrieval: {}, models: {}, completion: {}, review: {},
  };
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined || value === null) continue;
    const [section, ...rest] = key.split('.');
    if (!section || rest.length === 0 || !(section in out)) continue;
    out[section]![rest.join('.')] = value;
  }
  return out;
}

/**
 * Validates settings. A malformed setting raises ConfigError naming it; the caller decides whether
 * to fall back to defaults (the extension does, with a warning) or stop (the CLI).
 */
export function parseConfig(raw: RawSettings): Config {
  const result = configSchema.safeParse(nest(raw));
  if (result.success) return deepFreeze(result.data);
  const issue = result.error.issues[0]!;
  const setting = `groundwork.${issue.path.slice(0, 2).join('.')}`;
  throw new ConfigError(`Setting ${setting} is invalid: ${issue.message}`, setting);
}

export function defaultConfig(): Config {
  return parseConfig({});
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
