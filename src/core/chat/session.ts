/**
 * The chat panel's host logic, free of VS Code: validates every webview message, runs one request at
 * a time (abortable by id), streams the answer to the panel, keeps the workspace history. The VS
 * Code shell binds a webview with `attach()` and feeds it editor state with `setSelection()`.
 */
import type { Config } from '../config';
import { ConfigError, GroundworkError, errorMessage, isAbortError } from '../errors';
import type { Logger } from '../log';
import type { ChatMessage } from '../model/types';
import { parseQuestion } from './answers';
import { ChatHistory, type KeyValueStore } from './history';
import type { ChatTurn, HostMessage, SelectionRef, WebviewMessage, WebviewMessageOfType } from './protocol';
import { runAnswer, runReview, runSearch, type ChatModels, type SelectionSnapshot } from './tasks';
import { isSafeExternalUrl, parseWebviewMessage } from './validate';

/** Editor-side effects the panel can ask for. */
export interface ChatActions {
  openSource(ref: { path: string; startLine?: number; endLine?: number }): Promise<void>;
  openLink(url: string): Promise<void>;
  copy(code: string): Promise<void>;
  insert(code: string): Promise<void>;
  configureModel(): Promise<void>;
  showLogs(): void;
}

export interface ChatEnvironment extends ChatModels {
  logger: Logger;
  config(): Config;
  /** Per-workspace storage for the history (`workspaceState`). */
  store: KeyValueStore;
  modelConfigured(): boolean;
  /** The text behind a selection chip; undefined when its document is gone. */
  readSelection(ref: SelectionRef): Promise<SelectionSnapshot | undefined>;
  actions: ChatActions;
  now?: () => number;
}

interface Running {
  controller: AbortController;
  turn: ChatTurn;
  /** Set by New Chat: the stopped turn is not written back into the cleared history. */
  discarded: boolean;
}

/** Earlier turns sent with a question. */
const HISTORY_TURNS = 6;
const HISTORY_ANSWER_CHARS = 4000;

export class ChatSession {
  private readonly history: ChatHistory;
  private readonly running = new Map<string, Running>();
  private sink: ((message: HostMessage) => void) | undefined;
  private ready = false;
  private selection: SelectionRef | null = null;

  constructor(private readonly env: ChatEnvironment) {
    this.history = new ChatHistory(env.store, env.logger);
  }

  /** Binds a (new) webview. Nothing is posted until it says `ready`. Returns the unbind. */
  attach(sink: (message: HostMessage) => void): () => void {
    this.sink = sink;
    this.ready = false;
    return () => {
      if (this.sink === sink) {
        this.sink = undefined;
        this.ready = false;
      }
    };
  }

  setSelection(selection: SelectionRef | null): void {
    this.selection = selection;
    this.post({ type: 'selection/changed', selection });
  }

  /** Handles one message from the webview; resolves when a request it started has finished. */
  async handle(raw: unknown): Promise<void> {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.env.logger.warn(`chat: rejected a message from the panel: ${parsed.error}`);
      return;
    }
    await this.dispatch(parsed.message);
  }

  /** Stops what runs, forgets the history, shows an empty panel. */
  async newChat(): Promise<void> {
    for (const r of this.running.values()) r.discarded = true;
    this.abortAll();
    await this.history.clear();
    this.sendState();
  }

  /** Re-sends the whole state (e.g. after a settings change: the model may now be configured). */
  refresh(): void {
    this.sendState();
  }

  dispose(): void {
    this.abortAll();
    this.sink = undefined;
  }

  private async dispatch(message: WebviewMessage): Promise<void> {
    const { actions } = this.env;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        return this.sendState();
      case 'chat/send':
        return this.ask(message);
      case 'chat/abort':
        this.running.get(message.requestId)?.controller.abort();
        return;
      case 'chat/new':
        return this.newChat();
      case 'source/open':
        return this.act(
          () => actions.openSource({ path: message.path, startLine: message.startLine, endLine: message.endLine }),
          `Could not open ${message.path}`,
        );
      case 'link/open':
        if (!isSafeExternalUrl(message.url)) {
          this.env.logger.warn('chat: refused to open a link that is not http, https or mailto');
          return;
        }
        return this.act(() => actions.openLink(message.url), 'Could not open the link');
      case 'code/copy':
        return this.act(() => actions.copy(message.code), 'Could not copy the code');
      case 'code/insert':
        return this.act(() => actions.insert(message.code), 'Could not insert the code');
      case 'model/configure':
        return this.act(() => actions.configureModel(), 'Could not open the model settings');
      case 'logs/show':
        actions.showLogs();
        return;
    }
  }

  private async ask(message: WebviewMessageOfType<'chat/send'>): Promise<void> {
    const { requestId } = message;
    if (this.running.has(requestId) || this.history.all().some((t) => t.id === requestId)) {
      this.post({ type: 'panel/notice', level: 'error', message: `Request ${requestId} was already sent.` });
      return;
    }
    this.abortAll();
    const parsed = parseQuestion(message.text);
    const turn: ChatTurn = {
      id: requestId,
      question: message.text.trim(),
      ...(parsed.ok && parsed.command ? { command: parsed.command } : {}),
      ...(message.selection ? { selection: message.selection } : {}),
      answer: '',
      sources: [],
      thin: false,
      status: 'streaming',
      createdAt: (this.env.now ?? Date.now)(),
    };
    const controller = new AbortController();
    const entry: Running = { controller, turn, discarded: false };
    this.running.set(requestId, entry);
    this.post({ type: 'chat/started', turn: { ...turn } });
    const signal = controller.signal;
    try {
      if (!parsed.ok) throw new GroundworkError(parsed.error);
      const selection = message.selection ? await this.env.readSelection(message.selection) : undefined;
      if (message.selection && !selection) {
        throw new GroundworkError(`The attached selection (${message.selection.path}) is no longer open; select the code again.`);
      }
      const ctx = {
        models: this.env,
        config: this.env.config(),
        logger: this.env.logger,
        turn,
        selection,
        text: parsed.text,
        history: this.promptHistory(),
        signal,
        sources: (sources: ChatTurn['sources'], thin: boolean) => {
          turn.sources = sources;
          turn.thin = thin;
          this.post({ type: 'chat/sources', requestId, sources, thin });
        },
        chunk: (text: string) => {
          turn.answer += text;
          this.post({ type: 'chat/chunk', requestId, text });
        },
      };
      if (parsed.command === 'search') await runSearch(ctx);
      else if (parsed.command === 'review') await runReview(ctx);
      else await runAnswer(ctx, parsed.command === 'explain');
      turn.status = 'done';
      this.post({ type: 'chat/done', requestId, status: 'done', ...(turn.needsModel ? { needsModel: true } : {}) });
    } catch (err) {
      if (signal.aborted || isAbortError(err)) {
        turn.status = 'stopped';
        this.post({ type: 'chat/done', requestId, status: 'stopped' });
      } else {
        this.fail(turn, err);
      }
    } finally {
      this.running.delete(requestId);
      if (!entry.discarded) await this.history.save(turn);
    }
  }

  private fail(turn: ChatTurn, err: unknown): void {
    const known = err instanceof GroundworkError;
    if (known) this.env.logger.warn(`chat: ${errorMessage(err)}`);
    else this.env.logger.error('chat: the request failed', err);
    turn.status = 'error';
    turn.error = known ? errorMessage(err) : `Something went wrong: ${errorMessage(err)}. The log has the details.`;
    turn.errorAction = err instanceof ConfigError ? 'configureModel' : 'showLogs';
    this.post({ type: 'chat/error', requestId: turn.id, message: turn.error, action: turn.errorAction });
  }

  private async act(run: () => Promise<void>, what: string): Promise<void> {
    try {
      await run();
    } catch (err) {
      this.env.logger.error(`chat: ${what}`, err);
      this.post({ type: 'panel/notice', level: 'error', message: `${what}: ${errorMessage(err)}` });
    }
  }

  private promptHistory(): ChatMessage[] {
    const turns = this.history.all().filter((t) => t.status === 'done' && t.command !== 'search' && t.command !== 'review');
    return turns.slice(-HISTORY_TURNS).flatMap((t): ChatMessage[] => [
      { role: 'user', content: t.question },
      { role: 'assistant', content: t.answer.slice(0, HISTORY_ANSWER_CHARS) },
    ]);
  }

  private sendState(): void {
    const inFlight = [...this.running.values()].filter((r) => !r.discarded).map((r) => ({ ...r.turn }));
    this.post({
      type: 'chat/state',
      turns: [...this.history.all(), ...inFlight],
      selection: this.selection,
      modelConfigured: this.env.modelConfigured(),
    });
  }

  private abortAll(): void {
    for (const r of this.running.values()) r.controller.abort();
  }

  private post(message: HostMessage): void {
    if (this.sink && this.ready) this.sink(message);
  }
}
