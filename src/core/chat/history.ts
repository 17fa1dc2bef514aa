/**
 * The chat history of one workspace, kept in a key-value store (VS Code's `workspaceState` in the
 * extension, a plain object in tests). What is read back is validated: a history written by another
 * version, or damaged, is dropped with a warning rather than breaking the panel.
 */
import { z } from 'zod';
import type { Logger } from '../log';
import { SLASH_COMMANDS, type ChatTurn } from './protocol';

/** The subset of `vscode.Memento` the history needs. */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export const HISTORY_KEY = 'groundwork.chat.history/1';
/** Turns kept; older ones are dropped first. */
export const MAX_TURNS = 50;
/** Answers longer than this are cut in the stored copy. */
const MAX_STORED_ANSWER = 50_000;

const sourceSchema = z.object({
  n: z.number().int().positive(),
  label: z.string(),
  kind: z.enum(['code', 'standard']),
  path: z.string().optional(),
  startLine: z.number().int().optional(),
  endLine: z.number().int().optional(),
  title: z.string().optional(),
});

const turnSchema = z.object({
  id: z.string(),
  question: z.string(),
  command: z.enum(SLASH_COMMANDS).optional(),
  selection: z.object({ path: z.string(), startLine: z.number().int(), endLine: z.number().int() }).optional(),
  answer: z.string(),
  sources: z.array(sourceSchema),
  thin: z.boolean(),
  status: z.enum(['streaming', 'done', 'stopped', 'error']),
  error: z.string().optional(),
  errorAction: z.enum(['configureModel', 'showLogs']).optional(),
  needsModel: z.boolean().optional(),
  createdAt: z.number(),
});

export class ChatHistory {
  private turns: ChatTurn[];

  constructor(
    private readonly store: KeyValueStore,
    private readonly logger: Logger,
  ) {
    this.turns = this.load();
  }

  all(): readonly ChatTurn[] {
    return this.turns;
  }

  /** Adds or replaces (by id) a finished turn and writes the history. */
  async save(turn: ChatTurn): Promise<void> {
    const stored: ChatTurn = {
      ...turn,
      status: turn.status === 'streaming' ? 'stopped' : turn.status,
      answer: turn.answer.length > MAX_STORED_ANSWER ? `${turn.answer.slice(0, MAX_STORED_ANSWER)}\n\n…` : turn.answer,
    };
    const rest = this.turns.filter((t) => t.id !== turn.id);
    this.turns = [...rest, stored].slice(-MAX_TURNS);
    await this.write();
  }

  async clear(): Promise<void> {
    this.turns = [];
    await this.write();
  }

  private async write(): Promise<void> {
    try {
      await this.store.update(HISTORY_KEY, this.turns);
    } catch (err) {
      this.logger.error('Could not save the chat history', err);
    }
  }

  private load(): ChatTurn[] {
    const raw = this.store.get<unknown>(HISTORY_KEY);
    if (raw === undefined) return [];
    const parsed = z.array(turnSchema).safeParse(raw);
    if (!parsed.success) {
      this.logger.warn(`The stored chat history is not readable (${parsed.error.issues[0]?.message ?? 'invalid'}); starting a new one.`);
      return [];
    }
    return parsed.data.slice(-MAX_TURNS);
  }
}
