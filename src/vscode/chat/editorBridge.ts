/**
 * The chat's reach into the editor: workspace-relative paths ↔ URIs, the selection chip, reading
 * the attached code, opening sources, inserting code. Paths from the panel are checked to stay
 * inside a workspace folder.
 */
import * as vscode from 'vscode';
import { resolveInside, toWorkspacePath } from '../../core/chat/paths';
import type { SelectionRef } from '../../core/chat/protocol';
import type { SelectionSnapshot } from '../../core/chat/tasks';
import { GroundworkError } from '../../core/errors';

/** The first workspace folder holding `relative` (checked on disk), else undefined. */
export async function uriInWorkspace(relative: string): Promise<vscode.Uri | undefined> {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme !== 'file') continue;
    const absolute = resolveInside(folder.uri.fsPath, relative);
    if (!absolute) continue;
    const uri = vscode.Uri.file(absolute);
    try {
      await vscode.workspace.fs.stat(uri);
      return uri;
    } catch {
      continue; // not in this folder: try the next one
    }
  }
  return undefined;
}

export function workspacePathOf(uri: vscode.Uri): string | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return folder && uri.scheme === 'file' ? toWorkspacePath(folder.uri.fsPath, uri.fsPath) : undefined;
}

/** The chip for an editor's selection: whole lines, undefined for an empty selection. */
export function selectionRefOf(editor: vscode.TextEditor | undefined): SelectionRef | null {
  if (!editor || editor.selection.isEmpty) return null;
  const path = workspacePathOf(editor.document.uri);
  if (!path) return null;
  const { start, end } = editor.selection;
  // A selection that ends at the start of a line does not include that line.
  const endLine = end.character === 0 && end.line > start.line ? end.line : end.line + 1;
  return { path, startLine: start.line + 1, endLine };
}

export async function readSelection(ref: SelectionRef): Promise<SelectionSnapshot | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => workspacePathOf(d.uri) === ref.path);
  const uri = open?.uri ?? (await uriInWorkspace(ref.path));
  if (!uri) return undefined;
  const document = open ?? (await vscode.workspace.openTextDocument(uri));
  if (ref.startLine > document.lineCount) return undefined;
  const endLine = Math.min(ref.endLine, document.lineCount);
  const range = new vscode.Range(ref.startLine - 1, 0, endLine - 1, document.lineAt(endLine - 1).text.length);
  return { ...ref, endLine, language: document.languageId, text: document.getText(range), fileText: document.getText() };
}

export async function openSource(ref: { path: string; startLine?: number; endLine?: number }): Promise<void> {
  const uri = await uriInWorkspace(ref.path);
  if (!uri) throw new GroundworkError(`${ref.path} is not in this workspace (it may have been moved or deleted).`);
  const document = await vscode.workspace.openTextDocument(uri);
  const last = document.lineCount;
  const start = Math.min(Math.max(ref.startLine ?? 1, 1), last);
  const end = Math.min(Math.max(ref.endLine ?? start, start), last);
  const selection = new vscode.Range(start - 1, 0, end - 1, document.lineAt(end - 1).text.length);
  const editor = await vscode.window.showTextDocument(document, { selection, preview: true, viewColumn: vscode.ViewColumn.One });
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

export async function insertAtCursor(code: string): Promise<void> {
  const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
  if (!editor) throw new GroundworkError('Open an editor first: the code is inserted at its cursor.');
  const done = await editor.edit((edit) => {
    for (const selection of editor.selections) edit.replace(selection, code);
  });
  if (!done) throw new GroundworkError('The editor did not accept the edit (is it read-only?).');
}
