/**
 * Groundwork: Propose Learnings — recurring accepted review comments, summarised by the chat model
 * into `.groundwork/standards/learnings.md`, shown as a diff against the current file; the user
 * accepts (the file is written and becomes standards on the next index update) or discards.
 */
import * as vscode from 'vscode';
import { FeedbackLog } from '../../core/feedback/log';
import { LEARNINGS_PATH, proposeLearnings } from '../../core/feedback/learnings';
import { toAbortSignal } from '../cancellation';
import type { Services } from '../services';
import { feedbackLogFile } from './feedbackRecorder';

const SCHEME = 'groundwork-proposal';

/** Serves proposed documents read-only to the diff editor. */
export class ProposalDocuments implements vscode.TextDocumentContentProvider {
  private readonly docs = new Map<string, string>();
  set(key: string, text: string): vscode.Uri {
    this.docs.set(key, text);
    return vscode.Uri.from({ scheme: SCHEME, path: `/${key}` });
  }
  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.path.slice(1)) ?? '';
  }
}

export function registerProposalDocuments(docs: ProposalDocuments): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(SCHEME, docs);
}

export async function proposeLearningsCommand(services: Services, docs: ProposalDocuments): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showInformationMessage('Groundwork: open a folder to propose learnings for it.');
    return;
  }
  const client = await services.models.clientFor('chat');
  const { entries } = await new FeedbackLog(feedbackLogFile(services.context), services.logger).read();
  const target = vscode.Uri.joinPath(folder.uri, LEARNINGS_PATH);
  const existing = await vscode.workspace.fs.readFile(target).then((b) => new TextDecoder().decode(b), () => '');
  const proposal = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Groundwork: proposing learnings from accepted review comments', cancellable: true },
    async (_progress, token) => {
      const { signal, dispose } = toAbortSignal(token);
      try {
        return await proposeLearnings({ entries, existing, client, signal });
      } finally {
        dispose();
      }
    },
  );
  const before = docs.set('current/learnings.md', existing);
  const after = docs.set('proposed/learnings.md', proposal.markdown);
  await vscode.commands.executeCommand('vscode.diff', before, after, `Proposed learnings (${proposal.groups.length} recurring comment groups)`);
  const choice = await vscode.window.showInformationMessage(
    `Groundwork proposes ${proposal.markdown.match(/^## \[LRN-/gm)?.length ?? 0} learnings from ${proposal.groups.length} recurring accepted comments. Write them to ${LEARNINGS_PATH}?`,
    'Accept',
    'Discard',
  );
  if (choice !== 'Accept') return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(proposal.markdown));
  await vscode.window.showTextDocument(target);
  void vscode.window.showInformationMessage(`Groundwork: learnings written to ${LEARNINGS_PATH}; they apply as standards from now on.`);
}
