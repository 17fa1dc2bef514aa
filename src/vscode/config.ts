/**
 * Reads `groundwork.*` settings into core's frozen Config. In an untrusted workspace, values set by
 * the workspace for restricted settings (models, routes, standards globs) are ignored: only the
 * user's own values count.
 */
import * as vscode from 'vscode';
import { defaultConfig, parseConfig, type Config, type RawSettings } from '../core/config';
import { ConfigError, errorMessage } from '../core/errors';
import type { Logger } from '../core/log';

const KEYS = [
  'index.enabled', 'index.exclude', 'index.maxFileSizeKB', 'standards.include',
  'retrieval.maxContextTokens', 'retrieval.relevanceFloor',
  'models.chat', 'models.review', 'models.completion', 'models.embedding', 'models.routes',
  'completion.enabled', 'completion.languages', 'completion.debounceMs', 'completion.contextDeadlineMs', 'completion.template',
  'completion.skipCommentsAndStrings', 'review.includeSimilarCode',
] as const;
const RESTRICTED = new Set(['models.chat', 'models.review', 'models.completion', 'models.embedding', 'models.routes', 'standards.include']);

/** What a change of each setting means for the running services. */
export type ConfigEffect = 'reindex' | 'models' | 'none';
export function effectOf(event: vscode.ConfigurationChangeEvent): ConfigEffect {
  if (['groundwork.index', 'groundwork.standards', 'files.exclude'].some((s) => event.affectsConfiguration(s))) return 'reindex';
  if (event.affectsConfiguration('groundwork.models')) return 'models';
  return 'none';
}

export function readConfig(logger: Logger): { config: Config; problem?: string } {
  const section = vscode.workspace.getConfiguration('groundwork');
  const trusted = vscode.workspace.isTrusted;
  const raw: RawSettings = {};
  for (const key of KEYS) {
    if (!trusted && RESTRICTED.has(key)) {
      const inspected = section.inspect(key);
      raw[key] = inspected?.globalValue ?? inspected?.defaultValue;
    } else {
      raw[key] = section.get(key);
    }
  }
  const filesExclude = vscode.workspace.getConfiguration('files').get<Record<string, boolean>>('exclude') ?? {};
  const excluded = Object.entries(filesExclude).filter(([, on]) => on).map(([glob]) => glob);
  raw['index.exclude'] = [...((raw['index.exclude'] as string[] | undefined) ?? []), ...excluded];
  // A malformed setting falls back to its default alone; the rest still apply.
  const problems: string[] = [];
  for (let attempt = 0; attempt <= KEYS.length; attempt++) {
    try {
      const config = parseConfig(raw);
      if (problems.length) logger.warn(problems.join(' '));
      return problems.length ? { config, problem: problems.join(' ') } : { config };
    } catch (err) {
      const setting = err instanceof ConfigError ? err.setting?.replace(/^groundwork\./, '') : undefined;
      const key = KEYS.find((k) => setting === k || setting?.startsWith(k + '.'));
      problems.push(`${errorMessage(err)} Using its default.`);
      if (!key || !(key in raw)) break;
      delete raw[key];
    }
  }
  logger.warn(problems.join(' '));
  return { config: defaultConfig(), problem: problems.join(' ') };
}
