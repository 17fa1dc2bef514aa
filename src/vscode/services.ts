/**
 * What the composition root hands every UI feature. Built once in `activate()`, passed explicitly.
 */
import type * as vscode from 'vscode';
import type { Config, ModelRole } from '../core/config';
import type { Logger } from '../core/log';
import type { ModelClient } from '../core/model/types';
import type { IndexManager } from './indexManager';

export interface ModelTarget {
  /** Workspace-relative path of the file the request is about (routes match on it). */
  path?: string;
  language?: string;
}

/** Model clients per role, with the API key from SecretStorage; refuses in untrusted workspaces. */
export interface ModelProvider {
  /** Throws ConfigError (no model configured) or GroundworkError (untrusted workspace). */
  clientFor(role: ModelRole, target?: ModelTarget): Promise<ModelClient>;
  isConfigured(role: ModelRole): boolean;
}

export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly logger: Logger;
  /** The current validated configuration. */
  config(): Config;
  readonly onDidChangeConfig: vscode.Event<Config>;
  readonly indexes: IndexManager;
  readonly models: ModelProvider;
  /** Opens the Groundwork log. */
  showLogs(): void;
}
