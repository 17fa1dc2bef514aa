/** API keys in VS Code SecretStorage, one per endpoint origin. Keys are never logged or shown. */
import type * as vscode from 'vscode';
import { apiKeySecretKey } from './secretKey';

export class ApiKeyStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(baseUrl: string): Promise<string | undefined> {
    const value = await this.secrets.get(apiKeySecretKey(baseUrl));
    return value?.trim() || undefined;
  }

  async has(baseUrl: string): Promise<boolean> {
    return (await this.get(baseUrl)) !== undefined;
  }

  set(baseUrl: string, key: string): Thenable<void> {
    return this.secrets.store(apiKeySecretKey(baseUrl), key.trim());
  }

  delete(baseUrl: string): Thenable<void> {
    return this.secrets.delete(apiKeySecretKey(baseUrl));
  }
}
