/**
 * "Groundwork: Configure Model": role → preset → base URL → model name (from the endpoint's
 * /models when it answers) → `groundwork.models.<role>` in the user settings; asks for a key when
 * the preset needs one and tests the connection.
 */
import * as vscode from 'vscode';
import { MODEL_ROLES, type Config, type ModelRole, type ModelSettings } from '../../core/config';
import { errorMessage } from '../../core/errors';
import type { Logger } from '../../core/log';
import { createModelClient } from '../../core/model/client';
import { isLocalEndpoint, MODEL_PRESETS, type ModelPreset } from '../../core/model/presets';
import type { ApiKeyStore } from './apiKeys';
import { promptForKey } from './setApiKey';

const ROLE_DESCRIPTIONS: Record<ModelRole, string> = {
  chat: 'the chat panel',
  review: 'Review Selection (a fine-tuned review model goes here)',
  completion: 'inline completions (a FIM-capable code model)',
  embedding: 'vector search in the index (optional)',
};
const TEST_TIMEOUT_MS = 10_000;
const OTHER_MODEL = 'Enter another model name…';

export async function configureModel(config: Config, keys: ApiKeyStore, logger: Logger, roleArg?: unknown): Promise<void> {
  const role = isRole(roleArg) ? roleArg : await pickRole(config);
  if (!role) return;
  const preset = await pickPreset();
  if (preset === undefined) return;
  const current = config.models[role];
  const baseUrl = await vscode.window.showInputBox({
    title: `Groundwork: ${role} model — base URL`,
    prompt: preset ? preset.notes : 'Any OpenAI-compatible endpoint, ending in /v1 (or the provider’s equivalent)',
    value: preset?.baseUrl ?? current.baseUrl ?? 'http://localhost:8000/v1',
    ignoreFocusOut: true,
    validateInput: validateBaseUrl,
  });
  if (!baseUrl) return;
  const url = baseUrl.trim().replace(/\/+$/, '');

  const needsKey = preset ? preset.needsKey : !isLocalEndpoint(url);
  if (needsKey && !(await keys.has(url))) {
    const stored = await promptForKey(keys, url);
    if (!stored && preset?.needsKey) {
      void vscode.window.showWarningMessage(`Groundwork: no API key stored for ${new URL(url).origin}; run "Groundwork: Set API Key" before using it.`);
    }
  }

  const listed = await listModels(role, url, keys, logger);
  const model = await pickModel(role, preset, current.model, listed.models);
  if (!model) return;

  const section = vscode.workspace.getConfiguration('groundwork');
  const existing = section.inspect<ModelSettings>(`models.${role}`)?.globalValue ?? {};
  await section.update(`models.${role}`, { ...existing, baseUrl: url, model }, vscode.ConfigurationTarget.Global);

  if (listed.error) {
    void vscode.window.showWarningMessage(
      `Groundwork: saved ${role} model "${model}" at ${url}, but the connection test failed: ${listed.error}`,
      'Set API Key',
    ).then((c) => c && vscode.commands.executeCommand('groundwork.setApiKey', url));
  } else {
    const known = listed.models.includes(model) ? '' : ` (the server does not list "${model}"; check the name)`;
    void vscode.window.showInformationMessage(`Groundwork: ${role} model set to "${model}" at ${url}; the endpoint answers${known}.`);
  }
}

function isRole(v: unknown): v is ModelRole {
  return typeof v === 'string' && (MODEL_ROLES as readonly string[]).includes(v);
}

function validateBaseUrl(value: string): string | undefined {
  const v = value.trim();
  if (/\{[a-z]+\}/i.test(v)) return 'Replace the {placeholder} with your value';
  if (!URL.canParse(v) || !/^https?:$/.test(new URL(v).protocol)) return 'Enter an http:// or https:// URL';
  return undefined;
}

async function pickRole(config: Config): Promise<ModelRole | undefined> {
  const picked = await vscode.window.showQuickPick(
    MODEL_ROLES.map((role) => {
      const s = config.models[role];
      return { label: role, description: ROLE_DESCRIPTIONS[role], detail: s.model ? `now: ${s.model} @ ${s.baseUrl ?? '?'}` : 'not configured', role };
    }),
    { title: 'Groundwork: Configure Model', placeHolder: 'Which role?', ignoreFocusOut: true },
  );
  return picked?.role;
}

/** A preset, `null` for a custom endpoint, undefined when cancelled. */
async function pickPreset(): Promise<ModelPreset | null | undefined> {
  const items = [
    ...MODEL_PRESETS.map((p) => ({ label: p.label, description: p.baseUrl, detail: p.notes, preset: p as ModelPreset | null })),
    { label: 'Custom', description: 'any OpenAI-compatible endpoint', detail: 'You enter the base URL and the model name.', preset: null },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Groundwork: Configure Model', placeHolder: 'Which provider?', ignoreFocusOut: true, matchOnDetail: true });
  return picked === undefined ? undefined : picked.preset;
}

async function listModels(role: ModelRole, baseUrl: string, keys: ApiKeyStore, logger: Logger): Promise<{ models: string[]; error?: string }> {
  const apiKey = await keys.get(baseUrl);
  const client = createModelClient(
    { role, baseUrl, model: 'connection-test', temperature: 0, maxTokens: 1, timeoutMs: TEST_TIMEOUT_MS },
    { ...(apiKey ? { apiKey } : {}), logger, retry: { retries: 0 } },
  );
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Groundwork: connecting to ${baseUrl}`, cancellable: true },
    async (_progress, token) => {
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => controller.abort());
      try {
        return { models: (await client.listModels({ signal: controller.signal })).sort() };
      } catch (err) {
        logger.info(`Configure Model: ${baseUrl} did not list models: ${errorMessage(err)}`);
        return { models: [], error: errorMessage(err) };
      } finally {
        sub.dispose();
      }
    },
  );
}

async function pickModel(role: ModelRole, preset: ModelPreset | null, current: string | undefined, listed: string[]): Promise<string | undefined> {
  const suggested = role === 'embedding' ? preset?.models.embedding : preset?.models[role];
  if (listed.length > 0) {
    const names = [...new Set([...(current ? [current] : []), ...listed])];
    const items: vscode.QuickPickItem[] = [
      ...names.map((n) => ({ label: n, description: n === current ? 'current' : n === suggested ? 'suggested' : '' })),
      { label: OTHER_MODEL, description: 'a fine-tuned id (ft:…), a LoRA adapter or an Ollama tag is just a name' },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: `Groundwork: ${role} model`, placeHolder: 'Models the endpoint serves', ignoreFocusOut: true });
    if (!picked) return undefined;
    if (picked.label !== OTHER_MODEL) return picked.label;
  }
  const typed = await vscode.window.showInputBox({
    title: `Groundwork: ${role} model name`,
    prompt: 'The model name as the endpoint knows it (a fine-tuned id, LoRA adapter name or Ollama tag works too)',
    value: current ?? suggested ?? '',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'Enter a model name'),
  });
  return typed?.trim() || undefined;
}
