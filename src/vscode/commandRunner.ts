/**
 * The one wrapper for command handlers: errors are shown to the user with "Open Settings" /
 * "Show Logs", logged with their stack, and cancellation is silent.
 */
import * as vscode from 'vscode';
import { ConfigError, errorMessage, isAbortError } from '../core/errors';
import type { Logger } from '../core/log';

export type CommandHandler = (...args: unknown[]) => Promise<unknown> | unknown;

export function wrapCommand(id: string, handler: CommandHandler, logger: Logger, showLogs: () => void): CommandHandler {
  return async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (err) {
      if (isAbortError(err)) return undefined;
      logger.error(`Command ${id} failed`, err);
      const actions = err instanceof ConfigError ? ['Open Settings', 'Show Logs'] : ['Show Logs'];
      const choice = await vscode.window.showErrorMessage(`Groundwork: ${errorMessage(err)}`, ...actions);
      if (choice === 'Show Logs') showLogs();
      if (choice === 'Open Settings') {
        const setting = err instanceof ConfigError && err.setting ? err.setting : 'groundwork';
        await vscode.commands.executeCommand('workbench.action.openSettings', setting);
      }
      return undefined;
    }
  };
}

export function registerCommands(
  table: Record<string, CommandHandler>,
  logger: Logger,
  showLogs: () => void,
): vscode.Disposable[] {
  return Object.entries(table).map(([id, handler]) => vscode.commands.registerCommand(id, wrapCommand(id, handler, logger, showLogs)));
}
