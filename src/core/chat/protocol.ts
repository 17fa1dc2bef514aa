/**
 * The chat panel's protocol: ONE table of messages per direction, shared by the extension host and
 * the webview bundle. Types only (plus a few constants), so the webview imports it without pulling
 * in zod; the host validates what it receives with the schemas in `validate.ts`.
 *
 * Handshake: the webview posts `ready` when its script has loaded; the host answers with
 * `chat/state` (history, in-flight turn, selection) and only then streams. Every request carries a
 * `requestId` chosen by the webview; `chat/abort` names the request to stop.
 */

import type { PromptSource } from '../prompt/builder';

/** A numbered source under an answer; `[n]` in the answer links to it (the prompt builder's numbering). */
export type SourceLink = Pick<PromptSource, 'n' | 'label' | 'kind' | 'path' | 'startLine' | 'endLine' | 'title'>;

/** A range of the user's editor, shown as a chip and attached to the next question. */
export interface SelectionRef {
  path: string;
  startLine: number;
  endLine: number;
}

export const SLASH_COMMANDS = ['search', 'review', 'explain'] as const;
export type SlashCommand = (typeof SLASH_COMMANDS)[number];

export type TurnStatus = 'streaming' | 'done' | 'stopped' | 'error';

/** What the user does about an error: the panel shows a button for it. */
export type ErrorAction = 'configureModel' | 'showLogs';

/** One question and its answer, as shown and as kept in the workspace history. */
export interface ChatTurn {
  /** The request id of the question. */
  id: string;
  question: string;
  command?: SlashCommand;
  selection?: SelectionRef;
  /** Markdown. */
  answer: string;
  sources: SourceLink[];
  /** Nothing cleared the relevance floor: the codebase does not show the answer. */
  thin: boolean;
  status: TurnStatus;
  error?: string;
  errorAction?: ErrorAction;
  /** Answered without a model (none configured): the panel offers to configure one. */
  needsModel?: boolean;
  createdAt: number;
}

type NoPayload = Record<never, never>;

/** Messages the webview posts to the host. */
export interface WebviewToHost {
  ready: NoPayload;
  'chat/send': { requestId: string; text: string; selection: SelectionRef | null };
  'chat/abort': { requestId: string };
  'chat/new': NoPayload;
  'source/open': { path: string; startLine?: number; endLine?: number };
  'link/open': { url: string };
  'code/copy': { code: string };
  'code/insert': { code: string };
  'model/configure': NoPayload;
  'logs/show': NoPayload;
}

/** Messages the host posts to the webview. */
export interface HostToWebview {
  'chat/state': { turns: ChatTurn[]; selection: SelectionRef | null; modelConfigured: boolean };
  'chat/started': { turn: ChatTurn };
  'chat/sources': { requestId: string; sources: SourceLink[]; thin: boolean };
  'chat/chunk': { requestId: string; text: string };
  'chat/done': { requestId: string; status: 'done' | 'stopped'; needsModel?: boolean };
  'chat/error': { requestId: string; message: string; action?: ErrorAction };
  'selection/changed': { selection: SelectionRef | null };
  /** A message that belongs to no request (e.g. a source that could not be opened). */
  'panel/notice': { level: 'info' | 'error'; message: string };
}

/** `{ type: K } & payload` for every key of a table: a discriminated union. */
export type MessageOf<Table> = { [K in keyof Table]: { type: K } & Table[K] }[keyof Table];
export type WebviewMessage = MessageOf<WebviewToHost>;
export type HostMessage = MessageOf<HostToWebview>;
export type HostMessageOfType<K extends keyof HostToWebview> = { type: K } & HostToWebview[K];
export type WebviewMessageOfType<K extends keyof WebviewToHost> = { type: K } & WebviewToHost[K];

/** Request ids are chosen by the webview: short, printable, no surprises. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** Limits the host enforces on what it receives. */
export const LIMITS = { questionChars: 20_000, codeChars: 1_000_000, pathChars: 1_000, urlChars: 2_000 } as const;
