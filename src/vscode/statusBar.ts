/**
 * The Groundwork status bar item: `$(sync~spin) Groundwork 120/400` while indexing,
 * `$(check) Groundwork 1,234 chunks` when ready, `$(error) Groundwork` on failure.
 * Clicking it shows the index status.
 */
import * as vscode from 'vscode';
import { DisposableStore } from './disposable';
import type { IndexManager, IndexState } from './indexManager';

/** A count as people read it: 115,523 (the same in the status bar and in every message). */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export class IndexStatusBar extends DisposableStore {
  private readonly item = this.register(vscode.window.createStatusBarItem('groundwork.index', vscode.StatusBarAlignment.Left, 50));

  constructor(manager: IndexManager) {
    super();
    this.item.name = 'Groundwork Index';
    this.item.command = 'groundwork.showIndexStatus';
    this.render(manager.state);
    this.register(manager.onDidChangeState((s) => this.render(s)));
    this.item.show();
  }

  private render(state: IndexState): void {
    const { item } = this;
    item.backgroundColor = undefined;
    switch (state.kind) {
      case 'idle':
        item.text = '$(database) Groundwork';
        item.tooltip = 'Groundwork: the index opens when first needed';
        break;
      case 'indexing':
        item.text = `$(sync~spin) Groundwork ${formatCount(state.done)}/${formatCount(state.total)}`;
        item.tooltip = `Groundwork: indexing, ${formatCount(state.done)} of ${formatCount(state.total)} files`;
        break;
      case 'ready':
        item.text = `$(check) Groundwork ${formatCount(state.counts.chunks)} chunks`;
        item.tooltip =
          `Groundwork index ready${state.readOnly ? ' (read-only)' : ''}: ${formatCount(state.counts.files)} files, ` +
          `${formatCount(state.counts.chunks)} chunks, ${formatCount(state.counts.symbols)} symbols, ${formatCount(state.counts.standards)} standards`;
        break;
      case 'error':
        item.text = '$(error) Groundwork';
        item.tooltip = `Groundwork: ${state.message}`;
        item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        break;
      case 'disabled':
        item.text = '$(circle-slash) Groundwork';
        item.tooltip = `Groundwork index off: ${state.reason}`;
        break;
    }
  }
}
