import fs from 'node:fs';
import path from 'node:path';

/**
 * Extension-host log files under code-server's user-data dir: `logs/<ts>/exthost<N>/remoteexthost.log`
 * and the extensions' output channels beside it.
 */
export function extensionHostLogs(userData: string): string[] {
  const logs = path.join(userData, 'logs');
  if (!fs.existsSync(logs)) return [];
  const found: string[] = [];
  for (const session of fs.readdirSync(logs)) {
    const sessionDir = path.join(logs, session);
    if (!fs.statSync(sessionDir).isDirectory()) continue;
    for (const host of fs.readdirSync(sessionDir).filter((d) => d.startsWith('exthost'))) {
      for (const name of ['remoteexthost.log', 'exthost.log']) {
        const file = path.join(sessionDir, host, name);
        if (fs.existsSync(file)) found.push(file);
      }
      // the extension's own LogOutputChannel: exthost<N>/<publisher.name>/<Channel>.log
      for (const dir of fs.readdirSync(path.join(sessionDir, host), { withFileTypes: true })) {
        if (!dir.isDirectory() || !dir.name.includes('.')) continue;
        for (const log of fs.readdirSync(path.join(sessionDir, host, dir.name)).filter((f) => f.endsWith('.log'))) {
          found.push(path.join(sessionDir, host, dir.name, log));
        }
      }
    }
  }
  return found;
}

export interface ActivationReport {
  activated: boolean;
  errors: string[];
}

/**
 * Reads the extension-host logs for one extension: whether it was activated, and every error line that
 * names it or that it logged to its own output channel (with the two lines after each, where a stack starts).
 */
export function activationReport(userData: string, extensionId: string): ActivationReport {
  const id = extensionId.toLowerCase();
  const report: ActivationReport = { activated: false, errors: [] };
  for (const file of extensionHostLogs(userData)) {
    const own = path.basename(path.dirname(file)).toLowerCase() === id;
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      const lower = line.toLowerCase();
      if (lower.includes('_doactivateextension') && lower.includes(id)) report.activated = true;
      if (/\[error\]/i.test(line) && (own || lower.includes(id))) {
        report.errors.push([line, ...lines.slice(i + 1, i + 3)].map((l) => l.trim()).join(' | '));
      }
    });
  }
  return report;
}
