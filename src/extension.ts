/**
 * The composition root: builds the services once, passes them explicitly, registers the UI.
 * Activation stays fast: nothing here opens the index or loads LanceDB; the first index run
 * starts after activation, in the background.
 */
import * as vscode from 'vscode';
import type { Config } from './core/config';
import { registerChat } from './vscode/chat/register';
import { registerCommands, type CommandHandler } from './vscode/commandRunner';
import { registerCompletions } from './vscode/completion/register';
import { effectOf, readConfig } from './vscode/config';
import { fineTuningCommands } from './vscode/feedback/feedbackCommands';
import { ProposalDocuments, registerProposalDocuments } from './vscode/feedback/learningsCommand';
import { indexCommands } from './vscode/indexCommands';
import { IndexManager } from './vscode/indexManager';
import { channelLogger } from './vscode/logger';
import { ApiKeyStore } from './vscode/models/apiKeys';
import { modelCommands } from './vscode/models/modelCommands';
import { SecretModelProvider } from './vscode/models/modelProvider';
import { registerReview } from './vscode/review/registerReview';
import type { Services } from './vscode/services';
import { IndexStatusBar } from './vscode/statusBar';

export function activate(context: vscode.ExtensionContext): void {
  const channel = vscode.window.createOutputChannel('Groundwork', { log: true });
  context.subscriptions.push(channel);
  const logger = channelLogger(channel);
  const showLogs = () => channel.show(true);

  let { config, problem } = readConfig(logger);
  if (problem) warnAboutSettings(problem);
  const configChanged = new vscode.EventEmitter<Config>();
  context.subscriptions.push(configChanged);

  const keys = new ApiKeyStore(context.secrets);
  const models = new SecretModelProvider(keys, () => config, logger);
  const indexes = new IndexManager(context.globalStorageUri.fsPath, context.extensionUri.fsPath, config, logger, models);
  context.subscriptions.push(indexes, new IndexStatusBar(indexes));

  const services: Services = {
    context,
    logger,
    config: () => config,
    onDidChangeConfig: configChanged.event,
    indexes,
    models,
    showLogs,
  };
  context.subscriptions.push(...registerReview(services), ...registerChat(services), ...registerCompletions(services));

  const proposals = new ProposalDocuments();
  context.subscriptions.push(registerProposalDocuments(proposals));
  const commands: Record<string, CommandHandler> = {
    ...indexCommands(indexes),
    ...modelCommands(() => config, keys, logger),
    ...fineTuningCommands(services, keys, proposals),
    'groundwork.showLogs': showLogs,
  };
  context.subscriptions.push(...registerCommands(commands, logger, showLogs));

  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('groundwork') && !event.affectsConfiguration('files.exclude')) return;
      const next = readConfig(logger);
      config = next.config;
      if (next.problem) warnAboutSettings(next.problem);
      const effect = effectOf(event);
      if (effect === 'reindex' || (effect === 'models' && event.affectsConfiguration('groundwork.models.embedding'))) {
        indexes.updateConfig(config);
      }
      configChanged.fire(config);
    }),
    // Engines opened read-only while untrusted are reopened writable.
    vscode.workspace.onDidGrantWorkspaceTrust(() => indexes.updateConfig(config)),
  );

  logger.info(`Groundwork activated (${vscode.workspace.isTrusted ? 'trusted' : 'untrusted'} workspace)`);
  // First index run after activation, off the activation path.
  setTimeout(() => void indexes.reindexAll().catch((err: unknown) => logger.error('Initial indexing failed', err)), 0);
}

function warnAboutSettings(problem: string): void {
  void vscode.window.showWarningMessage(`Groundwork: ${problem}`, 'Open Settings').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'groundwork');
  });
}

export function deactivate(): void {}
