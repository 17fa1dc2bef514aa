/** Commands about the index: Re-index Workspace, Show Index Status, Search Codebase. */
import * as vscode from 'vscode';
import { definitionLine } from '../core/parse/lines';
import type { CommandHandler } from './commandRunner';
import type { IndexManager } from './indexManager';
import { formatCount as n } from './statusBar';

export function indexCommands(manager: IndexManager): Record<string, CommandHandler> {
  return {
    'groundwork.reindex': async () => {
      if (!vscode.workspace.isTrusted) {
        void vscode.window.showWarningMessage('Groundwork: this workspace is not trusted, so its index is read-only. Trust the workspace to re-index it.');
        return;
      }
      await manager.reindexAll();
      const s = manager.state;
      if (s.kind === 'ready') {
        void vscode.window.showInformationMessage(`Groundwork: index ready — ${n(s.counts.files)} files, ${n(s.counts.chunks)} chunks, ${n(s.counts.standards)} standards.`);
      }
    },
    'groundwork.showIndexStatus': async () => {
      const engines = await manager.allEngines();
      if (engines.length === 0) {
        void vscode.window.showInformationMessage('Groundwork: open a folder to index it.');
        return;
      }
      const lines: string[] = [];
      for (const e of engines) {
        const c = await e.counts();
        lines.push(`${e.root}: ${n(c.files)} files, ${n(c.chunks)} chunks, ${n(c.symbols)} symbols, ${n(c.standards)} standards${e.readOnly ? ' (read-only)' : ''}`);
      }
      const choice = await vscode.window.showInformationMessage(`Groundwork index — ${lines.join('; ')}`, 'Re-index', 'Show Logs');
      if (choice === 'Re-index') await vscode.commands.executeCommand('groundwork.reindex');
      if (choice === 'Show Logs') await vscode.commands.executeCommand('groundwork.showLogs');
    },
    'groundwork.search': async () => {
      const query = await vscode.window.showInputBox({ prompt: 'Search the codebase', placeHolder: 'a question, an identifier, a stack trace…' });
      if (!query) return;
      const engine = await manager.engineFor(vscode.window.activeTextEditor?.document.uri);
      if (!engine) return;
      const result = await engine.retriever.retrieve({ query, k: 30, includeStandards: false, budgetTokens: 1_000_000 });
      const picked = await vscode.window.showQuickPick(
        result.chunks.map((c) => {
          const head = definitionLine(c.text, c.symbol);
          return {
            label: c.symbol || c.path.split('/').pop()!,
            description: `${c.path}:${c.startLine}-${c.endLine}`,
            detail: head.text.slice(0, 120),
            chunk: c,
            line: c.startLine + head.offset,
          };
        }),
        { placeHolder: result.thin ? 'Nothing matches well; closest results:' : `${result.chunks.length} results`, matchOnDescription: true },
      );
      if (!picked) return;
      const uri = vscode.Uri.joinPath(vscode.Uri.file(engine.root), picked.chunk.path);
      // The cursor goes to the line that defines the result's symbol (a merged range may start above it).
      const at = new vscode.Position(picked.line - 1, 0);
      await vscode.window.showTextDocument(uri, { selection: new vscode.Range(at, at) });
    },
  };
}
