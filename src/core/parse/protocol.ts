import type { LogLevel } from '../log';
import type { WireFile } from './wire';

/** What the parse worker is started with (`workerData`). */
export interface WorkerInit {
  grammarDir: string;
  maxBytes: number;
  /** Languages whose grammar failed in an earlier worker: not tried again. */
  disabled: string[];
}

export interface WorkerRequest {
  id: number;
  path: string;
  text: string;
}

export type WorkerMessage =
  | { type: 'result'; id: number; file: WireFile; failedLanguages: string[]; runtimeFailed: boolean; memoryBytes: number }
  | { type: 'error'; id: number; message: string }
  | { type: 'log'; level: LogLevel; message: string };
