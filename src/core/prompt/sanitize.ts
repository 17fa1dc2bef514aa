/**
 * Everything that leaves the machine passes through one Sanitizer: invisible Unicode stripped,
 * then secrets redacted. It counts what it removed so the caller can log it (never the values).
 */
import { redactSecrets, stripInvisible } from '../safety';

export interface SanitizeReport {
  secrets: number;
  secretKinds: string[];
  invisible: number;
  invisibleKinds: string[];
}

export interface Sanitizer {
  clean(text: string): string;
  report(): SanitizeReport;
}

export function createSanitizer(): Sanitizer {
  const report: SanitizeReport = { secrets: 0, secretKinds: [], invisible: 0, invisibleKinds: [] };
  const addKinds = (into: string[], kinds: readonly string[]) => {
    for (const k of kinds) if (!into.includes(k)) into.push(k);
  };
  return {
    clean(text) {
      const visible = stripInvisible(text);
      report.invisible += visible.removed;
      addKinds(report.invisibleKinds, visible.kinds);
      const redacted = redactSecrets(visible.text);
      report.secrets += redacted.count;
      addKinds(report.secretKinds, redacted.kinds);
      return redacted.text;
    },
    report: () => ({ ...report, secretKinds: [...report.secretKinds], invisibleKinds: [...report.invisibleKinds] }),
  };
}

/** ~4 characters per token: close enough for budgeting prompts of code and prose. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
