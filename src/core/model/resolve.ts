/**
 * Settings → the model a request should use. Applies per-role defaults and, for review and
 * completion, `groundwork.models.routes` (first matching glob or language id wins).
 */
import picomatch from 'picomatch';
import type { Config, ModelRole, ModelRoute } from '../config';
import { ConfigError } from '../errors';
import type { ResolvedModel } from './types';

export interface ResolveTarget {
  /** Workspace-relative path, forward slashes. */
  path?: string;
  /** VS Code / Groundwork language id (`python`, `typescript`, …). */
  language?: string;
}

const DEFAULTS: Record<ModelRole, { temperature: number; maxTokens: number; timeoutMs: number }> = {
  chat: { temperature: 0.2, maxTokens: 2048, timeoutMs: 120_000 },
  review: { temperature: 0.1, maxTokens: 4096, timeoutMs: 180_000 },
  completion: { temperature: 0.1, maxTokens: 128, timeoutMs: 15_000 },
  embedding: { temperature: 0, maxTokens: 0, timeoutMs: 60_000 },
};

const ROUTED_ROLES: ReadonlySet<ModelRole> = new Set(['review', 'completion']);

export function resolveModel(config: Config, role: ModelRole, target: ResolveTarget = {}): ResolvedModel {
  const settings = config.models[role];
  const defaults = DEFAULTS[role];
  const route = ROUTED_ROLES.has(role) ? findRoute(config.models.routes, role, target) : undefined;
  const baseUrl = route?.baseUrl ?? settings.baseUrl;
  const model = route?.model ?? settings.model;
  const setting = `groundwork.models.${role}`;
  if (!baseUrl) {
    throw new ConfigError(
      `No endpoint is configured for the ${role} model: set ${setting} → "baseUrl" (run "Groundwork: Configure Model").`,
      setting,
    );
  }
  if (!model) {
    throw new ConfigError(
      `No model name is configured for ${role}: set ${setting} → "model" (run "Groundwork: Configure Model").`,
      setting,
    );
  }
  return {
    role,
    baseUrl: baseUrl.replace(/\/+$/, ''),
    model,
    temperature: settings.temperature ?? defaults.temperature,
    maxTokens: settings.maxTokens ?? defaults.maxTokens,
    timeoutMs: settings.timeoutMs ?? defaults.timeoutMs,
    ...(settings.dimensions !== undefined ? { dimensions: settings.dimensions } : {}),
    ...(route ? { routedBy: route.glob !== undefined ? `glob:${route.glob}` : `language:${route.language}` } : {}),
  };
}

/** True when a role has both an endpoint and a model (no throw). */
export function isModelConfigured(config: Config, role: ModelRole): boolean {
  const s = config.models[role];
  return Boolean(s.baseUrl && s.model);
}

function findRoute(routes: readonly ModelRoute[], role: ModelRole, target: ResolveTarget): ModelRoute | undefined {
  return routes.find((route) => {
    const roles = route.roles ?? ['review', 'completion'];
    if (!(roles as readonly string[]).includes(role)) return false;
    // A route with both a glob and a language needs both to match.
    const languageOk = route.language === undefined || route.language === target.language;
    const globOk =
      route.glob === undefined ||
      (target.path !== undefined && picomatch(route.glob, { dot: true })(target.path.replace(/\\/g, '/')));
    return languageOk && globOk;
  });
}
