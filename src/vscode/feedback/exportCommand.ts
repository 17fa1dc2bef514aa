/** "Groundwork: Export Fine-Tuning Data": pick a folder, write the JSONL files, show the summary, open the folder. */
import * as vscode from 'vscode';
import { GroundworkError } from '../../core/errors';
import { exportFineTuningData, formatExportSummary } from '../../core/feedback/export';
import type { Logger } from '../../core/log';
import { toAbortSignal } from '../cancellation';
import type { FeedbackRecorder } from './feedbackRecorder';

export async function exportFineTuningDataCommand(recorder: FeedbackRecorder, logger: Logger, outArg?: unknown): Promise<void> {
  if (!(await recorder.log.exists())) {
    throw new GroundworkError('No review feedback yet: apply or dismiss review comments (Groundwork: Review Selection) and export again.');
  }
  const outDir = outArg instanceof vscode.Uri ? outArg : await pickFolder();
  if (!outDir) return;
  const summary = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Groundwork: exporting fine-tuning data', cancellable: true },
    async (_progress, token) => {
      const { signal, dispose } = toAbortSignal(token);
      try {
        const { entries, invalidLines } = await recorder.log.read(signal);
        if (invalidLines > 0) logger.warn(`export: skipped ${invalidLines} invalid line(s) of ${recorder.log.file}`);
        return await exportFineTuningData(entries, outDir.fsPath, { signal });
      } finally {
        dispose();
      }
    },
  );
  const text = formatExportSummary(summary);
  logger.info(text);
  const head = `Groundwork: exported ${summary.sft.train + summary.sft.validation} supervised and ` +
    `${summary.preference.train + summary.preference.validation} preference examples.`;
  const show = summary.warnings.length > 0 ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const warning = summary.warnings.length > 0 ? ` ${summary.warnings[0]}` : '';
  const choice = await show(`${head}${warning}`, 'Open Files', 'Reveal Folder', 'Show Summary');
  if (choice === 'Open Files') {
    for (const file of summary.written) {
      await vscode.window.showTextDocument(vscode.Uri.file(file.path), { preview: false, preserveFocus: true });
    }
  }
  if (choice === 'Reveal Folder') await vscode.commands.executeCommand('revealFileInOS', outDir);
  if (choice === 'Show Summary') {
    const doc = await vscode.workspace.openTextDocument({ content: text, language: 'plaintext' });
    await vscode.window.showTextDocument(doc);
  }
}

async function pickFolder(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    openLabel: 'Export Here',
    title: 'Groundwork: folder for the fine-tuning files',
    ...(vscode.workspace.workspaceFolders?.[0] ? { defaultUri: vscode.workspace.workspaceFolders[0].uri } : {}),
  });
  return picked?.[0];
}
