/** "Groundwork: Set API Key": pick a configured base URL (or type one), then enter or clear its key. */
import * as vscode from 'vscode';
import type { Config } from '../../core/config';
import { isLocalEndpoint } from '../../core/model/presets';
import type { ApiKeyStore } from './apiKeys';
import { apiKeySecretKeyOrUndefined, configuredBaseUrls } from './secretKey';

const OTHER = 'Other base URL…';

export async function pickBaseUrl(config: Config, keys: ApiKeyStore, placeHolder: string): Promise<string | undefined> {
  const urls = configuredBaseUrls(config.models);
  const items: vscode.QuickPickItem[] = [];
  for (const url of urls) {
    const has = await keys.has(url);
    items.push({ label: url, description: has ? 'key stored' : isLocalEndpoint(url) ? 'local, no key needed' : 'no key' });
  }
  items.push({ label: OTHER, description: 'an endpoint not in the settings yet' });
  const picked = urls.length === 0 ? { label: OTHER } : await vscode.window.showQuickPick(items, { placeHolder, ignoreFocusOut: true });
  if (!picked) return undefined;
  if (picked.label !== OTHER) return picked.label;
  return vscode.window.showInputBox({
    prompt: 'OpenAI-compatible base URL (the key is stored for its scheme, host and port)',
    placeHolder: 'https://api.openai.com/v1',
    ignoreFocusOut: true,
    validateInput: (v) => (apiKeySecretKeyOrUndefined(v.trim()) ? undefined : 'Enter an http:// or https:// URL'),
  }).then((v) => v?.trim() || undefined);
}

/** Asks for a key (password box) and stores it. Returns false when the user cancelled. */
export async function promptForKey(keys: ApiKeyStore, baseUrl: string): Promise<boolean> {
  const key = await vscode.window.showInputBox({
    prompt: `API key for ${new URL(baseUrl).origin} (stored in VS Code's secret storage, never in settings)`,
    password: true,
    ignoreFocusOut: true,
    placeHolder: 'sk-…',
  });
  if (key === undefined || key.trim() === '') return false;
  await keys.set(baseUrl, key);
  return true;
}

export async function setApiKey(config: Config, keys: ApiKeyStore, baseUrlArg?: unknown): Promise<void> {
  const baseUrl = typeof baseUrlArg === 'string' ? baseUrlArg : await pickBaseUrl(config, keys, 'Which endpoint is the key for?');
  if (!baseUrl) return;
  if (await keys.has(baseUrl)) {
    const action = await vscode.window.showQuickPick(
      [{ label: 'Replace the stored key' }, { label: 'Clear the stored key' }],
      { placeHolder: `A key is stored for ${new URL(baseUrl).origin}`, ignoreFocusOut: true },
    );
    if (!action) return;
    if (action.label.startsWith('Clear')) {
      await keys.delete(baseUrl);
      void vscode.window.showInformationMessage(`Groundwork: the API key for ${new URL(baseUrl).origin} was removed.`);
      return;
    }
  }
  if (await promptForKey(keys, baseUrl)) {
    void vscode.window.showInformationMessage(`Groundwork: API key stored for ${new URL(baseUrl).origin}.`);
  }
}
