/**
 * The status bar toggle for inline completions: `$(sparkle) Completions` when on for the active
 * editor's language, `$(circle-slash) Completions` when off. Clicking runs
 * "Groundwork: Toggle Inline Completions".
 */
import * as vscode from 'vscode';
import type { Config } from '../../core/config';
import { DisposableStore } from '../disposable';

export const TOGGLE_COMMAND = 'groundwork.toggleInlineCompletions';

export class CompletionStatusItem extends DisposableStore {
  private readonly item = this.register(vscode.window.createStatusBarItem('groundwork.completions', vscode.StatusBarAlignment.Right, 100));

  constructor(private readonly config: () => Config, onDidChangeConfig: vscode.Event<Config>) {
    super();
    this.item.name = 'Groundwork Inline Completions';
    this.item.command = TOGGLE_COMMAND;
    this.register(onDidChangeConfig(() => this.render()));
    this.register(vscode.window.onDidChangeActiveTextEditor(() => this.render()));
    this.render();
    this.item.show();
  }

  render(): void {
    const { completion } = this.config();
    const language = vscode.window.activeTextEditor?.document.languageId;
    const off = !completion.enabled ? 'off' : language && completion.languages[language] === false ? `off for ${language}` : undefined;
    this.item.text = off ? '$(circle-slash) Completions' : '$(sparkle) Completions';
    this.item.tooltip = off
      ? `Groundwork inline completions are ${off}. Click to turn them on.`
      : 'Groundwork inline completions are on. Click to turn them off.';
  }
}

/** Flips `groundwork.completion.enabled` where it is set (workspace if set there, else user settings). */
export async function toggleInlineCompletions(): Promise<boolean> {
  const section = vscode.workspace.getConfiguration('groundwork');
  const inspected = section.inspect<boolean>('completion.enabled');
  const target = inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  const enabled = !(section.get<boolean>('completion.enabled') ?? true);
  await section.update('completion.enabled', enabled, target);
  return enabled;
}
