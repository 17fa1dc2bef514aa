/**
 * The extension's ModelProvider: settings → resolveModel (routes included) → a client with the key
 * of that base URL from SecretStorage. Nothing is sent from an untrusted workspace.
 */
import * as vscode from 'vscode';
import type { Config, ModelRole } from '../../core/config';
import { GroundworkError } from '../../core/errors';
import type { Logger } from '../../core/log';
import { createModelClient } from '../../core/model/client';
import { isModelConfigured, resolveModel } from '../../core/model/resolve';
import type { ModelClient } from '../../core/model/types';
import type { ModelProvider, ModelTarget } from '../services';
import type { ApiKeyStore } from './apiKeys';

export const UNTRUSTED_MESSAGE =
  'This workspace is not trusted, so Groundwork sends nothing from it to a model. Trust the workspace (Manage Workspace Trust) to use models here.';

export class UntrustedWorkspaceError extends GroundworkError {
  constructor() {
    super(UNTRUSTED_MESSAGE);
  }
}

export class SecretModelProvider implements ModelProvider {
  constructor(
    private readonly keys: ApiKeyStore,
    private readonly config: () => Config,
    private readonly logger: Logger,
  ) {}

  async clientFor(role: ModelRole, target: ModelTarget = {}): Promise<ModelClient> {
    if (!vscode.workspace.isTrusted) throw new UntrustedWorkspaceError();
    const settings = resolveModel(this.config(), role, target);
    const apiKey = await this.keys.get(settings.baseUrl);
    if (settings.routedBy) this.logger.debug(`${role}: route ${settings.routedBy} → ${settings.model} @ ${settings.baseUrl}`);
    // No back-off retries while someone is typing: a completion that is late is useless.
    const retry = role === 'completion' ? { retry: { retries: 0 } } : {};
    return createModelClient(settings, { ...(apiKey ? { apiKey } : {}), logger: this.logger, ...retry });
  }

  isConfigured(role: ModelRole): boolean {
    return isModelConfigured(this.config(), role);
  }
}
