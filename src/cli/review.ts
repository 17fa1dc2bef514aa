/**
 * `groundwork review FILE[:START-END] [--root DIR] [--db PATH] [--json] [--base-url URL] [--model NAME] [--context]`
 * `--context` prints what a review would send (the retrieved code with why each piece was chosen,
 * the standards, the prompt's size) and calls no model. The endpoint is found like the OpenAI SDK
 * finds it: flags first, then OPENAI_BASE_URL and GROUNDWORK_API_KEY / OPENAI_API_KEY, then
 * groundwork settings (GROUNDWORK_SETTINGS), then defaults.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../core/config';
import { ConfigError, GroundworkError } from '../core/errors';
import { createModelClientFactory } from '../core/model/client';
import { MODEL_PRESETS } from '../core/model/presets';
import { languageForPath } from '../core/parse/languages';
import { formatReviewText } from '../core/review/format';
import { reviewCode, reviewContext, type ReviewContext } from '../core/review/review';
import { flagString, type ParsedArgs } from './args';
import { cliContext, cliEngine, dbDirFor, interruptSignal, indexIfEmpty } from './common';

export const REVIEW_USAGE = 'groundwork review FILE[:START-END] [--root DIR] [--db PATH] [--json] [--base-url URL] [--model NAME] [--context]';

const OPENAI = MODEL_PRESETS.find((p) => p.id === 'openai')!;

export interface FileTarget {
  file: string;
  range?: { startLine: number; endLine: number };
}

/** `src/a.ts`, `src/a.ts:12`, `src/a.ts:12-30`. */
export function parseFileTarget(arg: string): FileTarget {
  const m = /^(.+?):(\d+)(?:-(\d+))?$/.exec(arg);
  if (!m) return { file: arg };
  const startLine = Number(m[2]);
  const endLine = m[3] !== undefined ? Number(m[3]) : startLine;
  if (startLine < 1 || endLine < startLine) throw new GroundworkError(`"${arg}": the line range must be START-END with 1 ≤ START ≤ END.`);
  return { file: m[1]!, range: { startLine, endLine } };
}

export interface CliEndpoint {
  baseUrl: string;
  model: string;
  apiKey?: string;
}

/** Flags → environment → settings → defaults. */
export function cliEndpoint(args: ParsedArgs, config: Config, env: NodeJS.ProcessEnv = process.env): CliEndpoint {
  const settings = config.models.review;
  const baseUrl = flagString(args, 'base-url') ?? (env.OPENAI_BASE_URL || undefined) ?? settings.baseUrl ?? OPENAI.baseUrl;
  const model = flagString(args, 'model') ?? settings.model ?? OPENAI.models.review;
  const apiKey = (env.GROUNDWORK_API_KEY || undefined) ?? (env.OPENAI_API_KEY || undefined);
  try {
    new URL(baseUrl);
  } catch {
    throw new ConfigError(`"${baseUrl}" is not a valid base URL (--base-url or OPENAI_BASE_URL), e.g. http://localhost:11434/v1.`);
  }
  return { baseUrl, model, ...(apiKey ? { apiKey } : {}) };
}

/** The nearest ancestor with .git or .groundwork, else the current directory. */
export function findRoot(file: string): string {
  let dir = path.dirname(path.resolve(file));
  for (;;) {
    if (existsSync(path.join(dir, '.git')) || existsSync(path.join(dir, '.groundwork'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

/**
 * The file a review names: as given from the current directory, or — when only that fails and
 * `--root` is given — inside the root (`review src/a.ts:10-20 --root ~/repo`, run from anywhere).
 */
export function reviewedFile(file: string, root: string | undefined): string {
  const fromHere = path.resolve(file);
  if (!root || path.isAbsolute(file) || existsSync(fromHere)) return fromHere;
  const inRoot = path.resolve(root, file);
  return existsSync(inRoot) ? inRoot : fromHere;
}

export async function runReview(args: ParsedArgs): Promise<number> {
  const arg = args.positionals[0];
  if (!arg) throw new GroundworkError(`Usage: ${REVIEW_USAGE}`);
  const target = parseFileTarget(arg);
  const ctx = cliContext(args);
  const rootFlag = flagString(args, 'root');
  const absFile = reviewedFile(target.file, rootFlag);
  const root = path.resolve(rootFlag ?? findRoot(absFile));
  const rel = path.relative(root, absFile).split(path.sep).join('/');
  if (rel.startsWith('../') || path.isAbsolute(rel)) throw new GroundworkError(`${target.file} is not inside ${root} (use --root).`);
  let text: string;
  try {
    text = await readFile(absFile, 'utf8');
  } catch (err) {
    throw new GroundworkError(`Cannot read ${target.file}: ${(err as Error).message}`, { cause: err });
  }

  // --context calls no model: no endpoint to resolve (or to reject).
  const contextOnly = args.flags.has('context');
  const endpoint = contextOnly ? undefined : cliEndpoint(args, ctx.config);
  const config: Config = endpoint
    ? { ...ctx.config, models: { ...ctx.config.models, review: { ...ctx.config.models.review, baseUrl: endpoint.baseUrl, model: endpoint.model } } }
    : ctx.config;
  const signal = interruptSignal();
  const engine = await cliEngine({ ...ctx, config }, root, dbDirFor(args, root));
  try {
    await indexIfEmpty(engine, root, signal);
    if (!endpoint) {
      const context = await reviewContext({
        file: { path: rel, language: languageForPath(rel) ?? 'text', text },
        ...(target.range ? { range: target.range } : {}),
        retriever: engine.retriever,
        config,
        signal,
        logger: ctx.logger,
      });
      process.stdout.write(args.flags.has('json') ? JSON.stringify(contextJson(rel, context), null, 2) + '\n' : formatContext(rel, context));
      return 0;
    }
    const result = await reviewCode({
      file: { path: rel, language: languageForPath(rel) ?? 'text', text },
      ...(target.range ? { range: target.range } : {}),
      retriever: engine.retriever,
      client: createModelClientFactory(() => endpoint.apiKey, ctx.logger),
      config,
      signal,
      logger: ctx.logger,
    });
    if (args.flags.has('json')) {
      const { path: p, range, model, routedBy, summary, comments } = result;
      process.stdout.write(JSON.stringify({ path: p, range, model, ...(routedBy ? { routedBy } : {}), summary, comments }, null, 2) + '\n');
    } else {
      process.stdout.write(formatReviewText(result));
    }
    return 0;
  } finally {
    await engine.close();
  }
}

/** Each source the prompt holds, with why retrieval chose it (code) or where it comes from (standards). */
type ContextSource =
  | { n: number; kind: 'standard'; id?: string; title?: string; source?: string }
  | { n: number; kind: 'code'; path?: string; startLine?: number; endLine?: number; symbol: string; reasons: string[] };

function contextSources(context: ReviewContext): ContextSource[] {
  const chunks = context.retrieval?.chunks ?? [];
  return (context.prompt?.sources ?? []).map((src): ContextSource => {
    if (src.kind === 'standard') return { n: src.n, kind: 'standard', id: src.standardId, title: src.title, source: src.source };
    const chunk = chunks.find((c) => c.path === src.path && c.startLine === src.startLine && c.endLine === src.endLine);
    return {
      n: src.n,
      kind: 'code',
      path: src.path,
      startLine: src.startLine,
      endLine: src.endLine,
      symbol: chunk?.symbol ?? '',
      reasons: chunk?.reasons ?? [],
    };
  });
}

function contextJson(rel: string, context: ReviewContext) {
  return {
    path: rel,
    range: context.range,
    estimatedTokens: context.prompt?.estimatedTokens ?? 0,
    omitted: context.prompt?.omitted ?? 0,
    widelyUsed: context.retrieval?.widelyUsed ?? [],
    sources: contextSources(context),
    messages: context.prompt?.messages ?? [],
  };
}

function formatContext(rel: string, context: ReviewContext): string {
  const { startLine, endLine } = context.range;
  if (!context.prompt) return `${rel}:${startLine}-${endLine}: the lines are empty; a review sends nothing.\n`;
  const out = [
    `${rel}:${startLine}-${endLine}: a review would send ~${context.prompt.estimatedTokens} tokens, ` +
      `${context.prompt.sources.length} sources${context.prompt.omitted ? ` (${context.prompt.omitted} more left out for the budget)` : ''}`,
  ];
  for (const w of context.retrieval?.widelyUsed ?? []) out.push(`  ${w.name} is referenced in ${w.files} files (too many to list its callers)`);
  for (const s of contextSources(context)) {
    out.push(
      s.kind === 'code'
        ? `  [${s.n}] ${s.path}:${s.startLine}-${s.endLine}  ${s.symbol || '(module)'}  [${s.reasons.join('+')}]`
        : `  [${s.n}] standard ${s.id} — ${s.title} (${s.source})`,
    );
  }
  return out.join('\n') + '\n';
}
