/**
 * exportFineTuningData: feedback log → validated, de-duplicated, split JSONL files for supervised
 * fine-tuning (chat format) and preference tuning (DPO format), plus a summary. Everything written
 * passes through secret redaction once more.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GroundworkError, throwIfAborted } from '../errors';
import {
  groupByReview, preferenceExamples, sftExamples, type PreferenceExample, type SftExample, type Sourced,
} from './dataset';
import { redactDeep } from './log';
import { validationPaths } from './split';
import type { FeedbackEntry } from './types';
import { DEFAULT_MAX_EXAMPLE_TOKENS, exampleTokens, validatePreference, validateSft } from './validate';

/** The usual guidance for a useful fine-tune. */
export const RECOMMENDED_EXAMPLES = 500;

export const EXPORT_FILES = {
  sftTrain: 'sft.train.jsonl',
  sftValidation: 'sft.validation.jsonl',
  preferenceTrain: 'preference.train.jsonl',
  preferenceValidation: 'preference.validation.jsonl',
} as const;

export interface ExportOptions {
  /** Share of files (by path hash) on the validation side. Default 0.2. */
  validationRatio?: number;
  maxExampleTokens?: number;
  signal?: AbortSignal;
}

export interface ExportedFile {
  name: string;
  path: string;
  examples: number;
  estimatedTokens: number;
}

export interface ExportSummary {
  outDir: string;
  entries: number;
  reviews: number;
  sft: { train: number; validation: number };
  preference: { train: number; validation: number };
  /** Distinct reviewed files on each side. */
  files: { train: number; validation: number };
  duplicatesRemoved: number;
  /** Reason → count of examples dropped by validation. */
  invalid: Record<string, number>;
  estimatedTokens: number;
  written: ExportedFile[];
  warnings: string[];
}

export async function exportFineTuningData(
  entries: readonly FeedbackEntry[],
  outDir: string,
  options: ExportOptions = {},
): Promise<ExportSummary> {
  const { signal } = options;
  const maxTokens = options.maxExampleTokens ?? DEFAULT_MAX_EXAMPLE_TOKENS;
  throwIfAborted(signal);
  if (entries.length === 0) {
    throw new GroundworkError('The feedback log is empty: apply or dismiss some review comments first (Groundwork: Review Selection).');
  }
  const groups = groupByReview(redactDeep([...entries]));
  const invalid: Record<string, number> = {};
  let duplicatesRemoved = 0;

  const keep = <T>(items: Array<Sourced<T>>, check: (e: T) => string | undefined, inputKey: (e: T) => string) => {
    // The latest example for the same input wins (a re-review of unchanged code).
    const byInput = new Map<string, Sourced<T>>();
    for (const item of items) {
      const reason = check(item.example);
      if (reason) {
        invalid[reason] = (invalid[reason] ?? 0) + 1;
        continue;
      }
      const key = inputKey(item.example);
      if (byInput.has(key)) {
        duplicatesRemoved++;
        byInput.delete(key);
      }
      byInput.set(key, item);
    }
    return [...byInput.values()];
  };
  const sft = keep<SftExample>(sftExamples(groups), (e) => validateSft(e, maxTokens), (e) => JSON.stringify(e.messages.slice(0, -1)));
  const pref = keep<PreferenceExample>(preferenceExamples(groups), (e) => validatePreference(e, maxTokens), (e) => JSON.stringify(e.input.messages));
  if (sft.length === 0 && pref.length === 0) {
    const why = Object.keys(invalid).length ? ` (${describeInvalid(invalid)})` : '';
    throw new GroundworkError(
      `The feedback log has ${entries.length} ${entries.length === 1 ? 'entry' : 'entries'} but no usable training example${why}: an example needs an accepted comment, or an accepted and a dismissed comment on the same review.`,
    );
  }

  const validation = validationPaths([...sft, ...pref].map((x) => x.path), options.validationRatio ?? 0.2);
  const side = <T>(items: Array<Sourced<T>>, onValidation: boolean) => items.filter((x) => validation.has(x.path) === onValidation).map((x) => x.example);
  const plan: Array<{ name: string; examples: Array<SftExample | PreferenceExample>; tokens: (e: SftExample | PreferenceExample) => number }> = [
    { name: EXPORT_FILES.sftTrain, examples: side(sft, false), tokens: (e) => exampleTokens((e as SftExample).messages) },
    { name: EXPORT_FILES.sftValidation, examples: side(sft, true), tokens: (e) => exampleTokens((e as SftExample).messages) },
    { name: EXPORT_FILES.preferenceTrain, examples: side(pref, false), tokens: preferenceTokens },
    { name: EXPORT_FILES.preferenceValidation, examples: side(pref, true), tokens: preferenceTokens },
  ];

  throwIfAborted(signal);
  await mkdir(outDir, { recursive: true });
  const written: ExportedFile[] = [];
  for (const file of plan) {
    if (file.examples.length === 0) continue;
    const target = path.join(outDir, file.name);
    await writeFile(target, file.examples.map((e) => JSON.stringify(e)).join('\n') + '\n', 'utf8');
    written.push({ name: file.name, path: target, examples: file.examples.length, estimatedTokens: file.examples.reduce((s, e) => s + file.tokens(e), 0) });
  }

  const allPaths = new Set([...sft, ...pref].map((x) => x.path));
  const summary: ExportSummary = {
    outDir,
    entries: entries.length,
    reviews: groups.length,
    sft: { train: plan[0]!.examples.length, validation: plan[1]!.examples.length },
    preference: { train: plan[2]!.examples.length, validation: plan[3]!.examples.length },
    files: { train: [...allPaths].filter((p) => !validation.has(p)).length, validation: [...allPaths].filter((p) => validation.has(p)).length },
    duplicatesRemoved,
    invalid,
    estimatedTokens: written.reduce((s, f) => s + f.estimatedTokens, 0),
    written,
    warnings: [],
  };
  if (sft.length < RECOMMENDED_EXAMPLES) {
    summary.warnings.push(
      `Only ${sft.length} supervised example${sft.length === 1 ? '' : 's'}: ${RECOMMENDED_EXAMPLES}+ is the usual guidance for a fine-tune that changes behaviour. Keep reviewing and export again later.`,
    );
  }
  if (summary.sft.validation + summary.preference.validation === 0) {
    summary.warnings.push('No validation examples: all examples come from one file. Review more files for a validation split.');
  }
  return summary;
}

function preferenceTokens(e: SftExample | PreferenceExample): number {
  const p = e as PreferenceExample;
  return exampleTokens([...p.input.messages, ...p.preferred_output, ...p.non_preferred_output]);
}

function describeInvalid(invalid: Record<string, number>): string {
  return Object.entries(invalid).map(([reason, n]) => `${n} × ${reason}`).join(', ');
}

/** The summary as a few lines of text (CLI output, VS Code message detail). */
export function formatExportSummary(s: ExportSummary): string {
  const lines = [
    `Exported ${s.sft.train + s.sft.validation} supervised and ${s.preference.train + s.preference.validation} preference examples ` +
      `from ${s.entries} feedback entries (${s.reviews} reviews) to ${s.outDir}`,
    `  supervised: ${s.sft.train} train / ${s.sft.validation} validation; preference: ${s.preference.train} train / ${s.preference.validation} validation`,
    `  split by file: ${s.files.train} train file(s), ${s.files.validation} validation file(s); ~${s.estimatedTokens} tokens in all`,
  ];
  if (s.duplicatesRemoved > 0) lines.push(`  ${s.duplicatesRemoved} duplicate(s) removed`);
  if (Object.keys(s.invalid).length > 0) lines.push(`  dropped by validation: ${describeInvalid(s.invalid)}`);
  for (const f of s.written) lines.push(`  ${f.name}: ${f.examples} examples, ~${f.estimatedTokens} tokens`);
  for (const w of s.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n') + '\n';
}
