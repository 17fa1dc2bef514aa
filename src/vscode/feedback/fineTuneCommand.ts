/**
 * "Groundwork: Start Fine-Tuning Job": exported JSONL → the review endpoint's fine-tuning API
 * (upload, create, poll); on success, offers to make the new model the review model.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ModelSettings } from '../../core/config';
import { GroundworkError } from '../../core/errors';
import { EXPORT_FILES } from '../../core/feedback/export';
import { startFineTuningJob, type FineTuneStatus } from '../../core/feedback/fineTune';
import { resolveModel } from '../../core/model/resolve';
import { toAbortSignal } from '../cancellation';
import type { ApiKeyStore } from '../models/apiKeys';
import { UntrustedWorkspaceError } from '../models/modelProvider';
import type { Services } from '../services';

export async function startFineTuningJobCommand(services: Services, keys: ApiKeyStore, folderArg?: unknown): Promise<void> {
  if (!vscode.workspace.isTrusted) throw new UntrustedWorkspaceError();
  const review = resolveModel(services.config(), 'review');
  const folder = folderArg instanceof vscode.Uri ? folderArg : (await vscode.window.showOpenDialog({
    canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Use These Files',
    title: 'Groundwork: folder with the exported fine-tuning files',
  }))?.[0];
  if (!folder) return;
  const has = (name: string) => existsSync(path.join(folder.fsPath, name));
  const choices = [
    ...(has(EXPORT_FILES.sftTrain) ? [{ label: 'Supervised fine-tuning', description: EXPORT_FILES.sftTrain, method: 'supervised' as const }] : []),
    ...(has(EXPORT_FILES.preferenceTrain) ? [{ label: 'Preference tuning (DPO)', description: EXPORT_FILES.preferenceTrain, method: 'dpo' as const }] : []),
  ];
  if (choices.length === 0) throw new GroundworkError(`${folder.fsPath} has no ${EXPORT_FILES.sftTrain} or ${EXPORT_FILES.preferenceTrain}: run "Groundwork: Export Fine-Tuning Data" first.`);
  const picked = choices.length === 1 ? choices[0] : await vscode.window.showQuickPick(choices, { placeHolder: 'Which kind of job?' });
  if (!picked) return;
  const baseModel = await vscode.window.showInputBox({
    title: `Groundwork: base model to fine-tune at ${review.baseUrl}`,
    value: review.model.replace(/^ft:([^:]+):.*$/, '$1'),
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'Enter the base model name'),
  });
  if (!baseModel) return;
  const prefix = picked.method === 'dpo' ? 'preference' : 'sft';
  const validation = path.join(folder.fsPath, `${prefix}.validation.jsonl`);
  const apiKey = await keys.get(review.baseUrl);

  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Groundwork: fine-tuning ${baseModel.trim()}`, cancellable: true },
    async (progress, token) => {
      const { signal, dispose } = toAbortSignal(token);
      try {
        return await startFineTuningJob({
          baseUrl: review.baseUrl, ...(apiKey ? { apiKey } : {}), model: baseModel.trim(), method: picked.method, suffix: 'groundwork',
          trainingFile: path.join(folder.fsPath, `${prefix}.train.jsonl`), ...(existsSync(validation) ? { validationFile: validation } : {}),
          signal, logger: services.logger,
          onStatus: (s: FineTuneStatus) => progress.report({ message: `job ${s.jobId}: ${s.status}` }),
        });
      } finally {
        dispose();
      }
    },
  );
  if (!result.fineTunedModel) {
    void vscode.window.showInformationMessage(`Groundwork: fine-tuning job ${result.jobId} is ${result.status}; check your provider for the result.`);
    return;
  }
  const choice = await vscode.window.showInformationMessage(
    `Groundwork: fine-tuning job ${result.jobId} succeeded: ${result.fineTunedModel}.`, 'Use as Review Model',
  );
  if (choice) {
    const section = vscode.workspace.getConfiguration('groundwork');
    const existing = section.inspect<ModelSettings>('models.review')?.globalValue ?? {};
    await section.update('models.review', { ...existing, baseUrl: review.baseUrl, model: result.fineTunedModel }, vscode.ConfigurationTarget.Global);
  }
}
