/** One question and its answer in the transcript; re-rendered from its `ChatTurn` on every change. */
import type { ChatTurn, ErrorAction, SourceLink } from '../../core/chat/protocol';
import { el, renderMarkdown, sourceLink } from './render';

const RENDER_DELAY_MS = 16;

export class TurnView {
  readonly root: HTMLElement;
  private readonly answer = el('div', { class: 'answer' });
  private readonly status = el('div', { class: 'turn-status', role: 'status' });
  private readonly extras = el('div', { class: 'turn-extras' });
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly turn: ChatTurn) {
    const question = el('div', { class: 'question' }, [
      el('div', { class: 'who' }, ['You']),
      el('div', { class: 'question-text' }, [turn.question || (turn.selection ? '(the selected code)' : '')]),
    ]);
    if (turn.selection) {
      const s = turn.selection;
      question.append(el('div', { class: 'chip chip-static', title: 'Attached selection' }, [`${s.path}:${s.startLine}-${s.endLine}`]));
    }
    this.root = el('section', { class: 'turn', 'data-turn': turn.id }, [
      question,
      el('div', { class: 'reply' }, [el('div', { class: 'who' }, ['Groundwork']), this.status, this.answer, this.extras]),
    ]);
    this.render();
  }

  source(n: number): SourceLink | undefined {
    return this.turn.sources.find((s) => s.n === n);
  }

  setSources(sources: SourceLink[], thin: boolean): void {
    this.turn.sources = sources;
    this.turn.thin = thin;
    this.render();
  }

  append(text: string): void {
    this.turn.answer += text;
    this.timer ??= setTimeout(() => this.render(), RENDER_DELAY_MS);
  }

  finish(status: 'done' | 'stopped', needsModel: boolean): void {
    this.turn.status = status;
    if (needsModel) this.turn.needsModel = true;
    this.render();
  }

  fail(message: string, action: ErrorAction | undefined): void {
    this.turn.status = 'error';
    this.turn.error = message;
    if (action) this.turn.errorAction = action;
    this.render();
  }

  render(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const t = this.turn;
    this.root.classList.toggle('streaming', t.status === 'streaming');
    this.answer.replaceChildren(renderMarkdown(t.answer, t.sources));
    this.status.replaceChildren(...this.statusLine());
    this.extras.replaceChildren(...this.extraBlocks());
  }

  private statusLine(): Array<Node | string> {
    const t = this.turn;
    if (t.status === 'streaming' && t.answer === '') {
      const label = t.sources.length > 0 || t.thin ? 'Writing the answer…' : 'Searching the codebase…';
      return [el('span', { class: 'spinner', 'aria-hidden': 'true' }), label];
    }
    if (t.status === 'stopped') return [el('span', { class: 'stopped' }, ['Stopped.'])];
    return [];
  }

  private extraBlocks(): Node[] {
    const t = this.turn;
    const out: Node[] = [];
    if (t.thin && t.command !== 'review') {
      out.push(el('div', { class: 'notice notice-thin' }, ['Nothing relevant cleared the relevance floor: the codebase does not show this.']));
    }
    if (t.status === 'error' && t.error) {
      const button = t.errorAction === 'configureModel'
        ? el('button', { type: 'button', 'data-action': 'configure-model' }, ['Configure Model'])
        : el('button', { type: 'button', 'data-action': 'show-logs', class: 'secondary' }, ['Show Logs']);
      out.push(el('div', { class: 'notice notice-error', role: 'alert' }, [el('span', {}, [t.error]), button]));
    }
    if (t.needsModel) {
      out.push(
        el('div', { class: 'notice notice-model' }, [
          el('span', {}, ['Configure a chat model to get answers, not just sources.']),
          el('button', { type: 'button', 'data-action': 'configure-model' }, ['Configure Model']),
        ]),
      );
    }
    if (t.sources.length > 0) {
      // The sources the answer cites come first; the rest of what was retrieved folds away.
      const cited = new Set([...t.answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
      const shown = cited.size > 0 ? t.sources.filter((s) => cited.has(s.n)) : t.sources;
      const rest = cited.size > 0 ? t.sources.filter((s) => !cited.has(s.n)) : [];
      const list = (sources: SourceLink[]) => el('ol', {}, sources.map((s) => el('li', {}, [sourceLink(s)])));
      const parts: HTMLElement[] = [el('div', { class: 'sources-title' }, [cited.size > 0 ? 'Cited sources' : 'Sources']), list(shown)];
      if (rest.length > 0) {
        parts.push(el('details', { class: 'sources-more' }, [el('summary', {}, [`${rest.length} more retrieved`]), list(rest)]));
      }
      out.push(el('div', { class: 'sources' }, parts));
    }
    return out;
  }
}
