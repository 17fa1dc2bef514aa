/**
 * The composition root: builds the services once, passes them explicitly, registers the UI.
 * Activation stays fast: nothing here opens the index or loads LanceDB; the first index run
 * starts after activation, in the background.
 */
import * as vscode from 'vscode';
import { registerCommands, type CommandHandler } from './vscode/commandRunner';
import { effectOf, readConfig } from './vscode/config';
import { indexCommands } from './vscode/indexCommands';
import { IndexManager } from './vscode/indexManager';
import { channelLogger } from './vscode/logger';
import { IndexStatusBar } from './vscode/statusBar';

export function activate(context: vscode.ExtensionContext): void {
  const channel = vscode.window.createOutputChannel('Groundwork', { log: true });
  context.subscriptions.push(channel);
  const logger = channelLogger(channel);
  const showLogs = () => channel.show(true);

  let { config, problem } = readConfig(logger);
  if (problem) void vscode.window.showWarningMessage(`Groundwork: ${problem}`, 'Open Settings').then((c) => {
    if (c) void vscode.commands.executeCommand('workbench.action.openSettings', 'groundwork');
  });

  const storageDir = context.globalStorageUri.fsPath;
  const manager = new IndexManager(storageDir, context.extensionUri.fsPath, config, logger);
  context.subscriptions.push(manager, new IndexStatusBar(manager));

  const commands: Record<string, CommandHandler> = {
    ...indexCommands(manager),
    'groundwork.showLogs': showLogs,
  };
  context.subscriptions.push(...registerCommands(commands, logger, showLogs));

  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('groundwork') && !event.affectsConfiguration('files.exclude')) return;
      ({ config } = readConfig(logger));
      if (effectOf(event) === 'reindex') manager.updateConfig(config);
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void manager.reindexAll()),
  );

  logger.info(`Groundwork activated (${vscode.workspace.isTrusted ? 'trusted' : 'untrusted'} workspace)`);
  // First index run after activation, off the activation path.
  setTimeout(() => void manager.reindexAll().catch((err: unknown) => logger.error('Initial indexing failed', err)), 0);
}

export function deactivate(): void {}
