/**
 * The error hierarchy. Every error a user can see carries a message written for them;
 * technical detail goes to the log through `cause`.
 */
export class GroundworkError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A setting is malformed or missing. `setting` names it so the UI can offer "Open Settings". */
export class ConfigError extends GroundworkError {
  constructor(message: string, readonly setting?: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A model endpoint failed. Never carries the API key. */
export class ModelError extends GroundworkError {
  constructor(
    message: string,
    readonly endpoint: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The index could not be opened, read or written. */
export class IndexError extends GroundworkError {}

/** The one shape of "aborted". */
export class AbortError extends GroundworkError {
  constructor(message = 'Cancelled') {
    super(message);
  }
}

export function isAbortError(err: unknown): boolean {
  if (err instanceof AbortError) return true;
  if (!(err instanceof Error)) return false;
  return err.name === 'AbortError' || err.name === 'APIUserAbortError';
}

/** Throws AbortError when the signal has fired. Call at every await boundary of long loops. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortError();
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
