import * as vscode from 'vscode';
import type { Logger } from '../core/log';

/** Core's Logger on a LogOutputChannel ("Groundwork" in the Output panel). */
export function channelLogger(channel: vscode.LogOutputChannel): Logger {
  return {
    debug: (m) => channel.debug(m),
    info: (m) => channel.info(m),
    warn: (m) => channel.warn(m),
    error: (m, err) => channel.error(err instanceof Error ? `${m}: ${err.stack ?? err.message}` : m),
  };
}
