/**
 * The chat panel: transcript, composer (selection chip, input, Send/Stop/New Chat) and the handling
 * of every host message. Talks to the host only through `post` with the shared protocol types.
 */
import type { ChatTurn, HostMessage, SelectionRef, WebviewMessage } from '../../core/chat/protocol';
import { el } from './render';
import { TurnView } from './turnView';

export interface PanelHost {
  post(message: WebviewMessage): void;
  saveDraft(text: string): void;
  draft(): string;
}

const chipKey = (s: SelectionRef) => `${s.path}:${s.startLine}-${s.endLine}`;

export class ChatView {
  private readonly turns = new Map<string, TurnView>();
  private readonly transcript = el('div', { class: 'transcript', role: 'log', 'aria-live': 'polite', 'aria-label': 'Chat transcript' });
  private readonly notice = el('div', { class: 'panel-notice', role: 'status', hidden: '' });
  private readonly input = el('textarea', {
    class: 'input', rows: '3', 'aria-label': 'Ask about the codebase',
    placeholder: 'Ask about the codebase — /search, /review, /explain. Enter to send, Shift+Enter for a new line.',
  });
  private readonly chip = el('div', { class: 'chip', hidden: '' });
  private readonly sendButton = el('button', { type: 'submit', class: 'send' }, ['Send']);
  private readonly stopButton = el('button', { type: 'button', class: 'stop secondary', 'data-action': 'stop', hidden: '' }, ['Stop']);
  private busy: string | undefined;
  private selection: SelectionRef | null = null;
  private dismissed: string | undefined;
  private modelConfigured = true;
  private counter = 0;

  constructor(root: HTMLElement, private readonly host: PanelHost) {
    const form = el('form', { class: 'composer' }, [
      this.chip,
      this.input,
      el('div', { class: 'composer-actions' }, [
        el('button', { type: 'button', class: 'secondary', 'data-action': 'new-chat', title: 'Start a new chat' }, ['New Chat']),
        el('span', { class: 'spacer' }),
        this.stopButton,
        this.sendButton,
      ]),
    ]);
    root.replaceChildren(el('main', { class: 'panel' }, [this.transcript, this.notice, form]));
    this.input.value = host.draft();
    this.renderEmpty();

    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.send();
    });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.send();
      } else if (e.key === 'Escape' && this.busy) {
        this.stop();
      }
    });
    this.input.addEventListener('input', () => host.saveDraft(this.input.value));
    root.addEventListener('click', (e) => this.onClick(e));
  }

  receive(message: HostMessage): void {
    switch (message.type) {
      case 'chat/state':
        this.modelConfigured = message.modelConfigured;
        this.turns.clear();
        this.transcript.replaceChildren();
        for (const turn of message.turns) this.addTurn(turn);
        this.setBusy(message.turns.find((t) => t.status === 'streaming')?.id);
        this.setSelection(message.selection);
        if (message.turns.length === 0) this.renderEmpty();
        return;
      case 'chat/started':
        this.transcript.querySelector('.empty')?.remove();
        this.addTurn(message.turn).root.scrollIntoView({ block: 'start' });
        this.setBusy(message.turn.id);
        return;
      case 'chat/sources':
        this.turns.get(message.requestId)?.setSources(message.sources, message.thin);
        return;
      case 'chat/chunk':
        this.turns.get(message.requestId)?.append(message.text);
        this.keepScrolled();
        return;
      case 'chat/done':
        this.turns.get(message.requestId)?.finish(message.status, message.needsModel === true);
        if (this.busy === message.requestId) this.setBusy(undefined);
        return;
      case 'chat/error':
        this.turns.get(message.requestId)?.fail(message.message, message.action);
        if (this.busy === message.requestId) this.setBusy(undefined);
        return;
      case 'selection/changed':
        this.setSelection(message.selection);
        return;
      case 'panel/notice':
        this.showNotice(message.message, message.level);
        return;
    }
  }

  private send(): void {
    const text = this.input.value.trim();
    const selection = this.attachedSelection();
    if (this.busy || (!text && !selection)) return;
    const requestId = `r${Date.now().toString(36)}${(this.counter++).toString(36)}`;
    this.setBusy(requestId);
    this.input.value = '';
    this.host.saveDraft('');
    this.host.post({ type: 'chat/send', requestId, text, selection });
  }

  private stop(): void {
    if (this.busy) this.host.post({ type: 'chat/abort', requestId: this.busy });
  }

  private onClick(e: MouseEvent): void {
    const target = e.target instanceof Element ? e.target.closest<HTMLElement>('[data-action]') : null;
    if (e.target instanceof Element && e.target.closest('a')) e.preventDefault();
    if (!target) return;
    const action = target.dataset.action;
    const turn = this.turns.get(target.closest<HTMLElement>('[data-turn]')?.dataset.turn ?? '');
    switch (action) {
      case 'open-source': {
        const source = turn?.source(Number(target.dataset.n));
        if (source?.path) {
          this.host.post({
            type: 'source/open', path: source.path,
            ...(source.startLine ? { startLine: source.startLine } : {}), ...(source.endLine ? { endLine: source.endLine } : {}),
          });
        }
        return;
      }
      case 'open-link': {
        const href = target.getAttribute('href');
        if (href) this.host.post({ type: 'link/open', url: href });
        return;
      }
      case 'copy':
      case 'insert': {
        const code = target.closest('.code-block')?.querySelector('code')?.textContent ?? '';
        this.host.post({ type: action === 'copy' ? 'code/copy' : 'code/insert', code });
        if (action === 'copy') this.showNotice('Copied.', 'info');
        return;
      }
      case 'configure-model':
        this.host.post({ type: 'model/configure' });
        return;
      case 'show-logs':
        this.host.post({ type: 'logs/show' });
        return;
      case 'new-chat':
        this.host.post({ type: 'chat/new' });
        return;
      case 'stop':
        this.stop();
        return;
      case 'remove-chip':
        if (this.selection) this.dismissed = chipKey(this.selection);
        this.renderChip();
        this.input.focus();
        return;
    }
  }

  private addTurn(turn: ChatTurn): TurnView {
    const view = new TurnView({ ...turn, sources: [...turn.sources] });
    this.turns.set(turn.id, view);
    this.transcript.append(view.root);
    return view;
  }

  private attachedSelection(): SelectionRef | null {
    return this.selection && chipKey(this.selection) !== this.dismissed ? this.selection : null;
  }

  private setSelection(selection: SelectionRef | null): void {
    this.selection = selection;
    this.renderChip();
  }

  private renderChip(): void {
    const s = this.attachedSelection();
    this.chip.hidden = !s;
    if (!s) return void this.chip.replaceChildren();
    this.chip.replaceChildren(
      el('span', { class: 'chip-label', title: 'The selection is attached to your next question' }, [chipKey(s)]),
      el('button', { type: 'button', class: 'chip-remove', 'data-action': 'remove-chip', 'aria-label': `Remove ${chipKey(s)}`, title: 'Remove' }, ['×']),
    );
  }

  private setBusy(requestId: string | undefined): void {
    this.busy = requestId;
    this.stopButton.hidden = !requestId;
    this.sendButton.disabled = !!requestId;
  }

  private renderEmpty(): void {
    const children: Array<Node | string> = [
      el('p', { class: 'empty-title' }, ['Ask about this codebase.']),
      el('p', {}, ['Answers come from the indexed workspace and list their sources; click one to open it.']),
      el('ul', {}, [
        el('li', {}, [el('code', {}, ['/search']), ' finds code without a model']),
        el('li', {}, [el('code', {}, ['/review']), ' reviews the selected code']),
        el('li', {}, [el('code', {}, ['/explain']), ' explains the selected code with its definitions']),
      ]),
    ];
    if (!this.modelConfigured) {
      children.push(el('div', { class: 'notice notice-model' }, [
        el('span', {}, ['No chat model is configured: answers list the sources only.']),
        el('button', { type: 'button', 'data-action': 'configure-model' }, ['Configure Model']),
      ]));
    }
    this.transcript.replaceChildren(el('div', { class: 'empty' }, children));
  }

  private showNotice(text: string, level: 'info' | 'error'): void {
    this.notice.hidden = false;
    this.notice.className = `panel-notice ${level}`;
    this.notice.textContent = text;
    setTimeout(() => {
      if (this.notice.textContent === text) this.notice.hidden = true;
    }, level === 'error' ? 8000 : 2000);
  }

  private keepScrolled(): void {
    const t = this.transcript;
    if (t.scrollHeight - t.scrollTop - t.clientHeight < 80) t.scrollTop = t.scrollHeight;
  }
}
