import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { groupByReview, preferenceExamples, sftExamples } from '../../../src/core/feedback/dataset';
import { exportFineTuningData, formatExportSummary } from '../../../src/core/feedback/export';
import { validationPaths } from '../../../src/core/feedback/split';
import type { FeedbackAction, FeedbackEntry } from '../../../src/core/feedback/types';
import { validatePreference, validateSft } from '../../../src/core/feedback/validate';
import type { ReviewComment } from '../../../src/core/review/schema';
import { tempDir } from '../../support/tmp';

const comment = (id: string, line: number, message: string, suggestion?: string): ReviewComment => ({
  id, line, severity: 'warning', category: 'bug', message, ...(suggestion !== undefined ? { suggestion } : {}),
});

function entry(reviewId: string, file: string, c: ReviewComment, action: FeedbackAction, extra: Partial<FeedbackEntry> = {}): FeedbackEntry {
  return {
    version: 1, reviewId, commentId: c.id, action, comment: c, path: file, language: 'typescript',
    range: { startLine: 1, endLine: 10 }, summary: `Review of ${file}`,
    messages: [{ role: 'system', content: 'You review code.' }, { role: 'user', content: `Review lines 1-10 of ${file}` }],
    model: 'fake-review', timestamp: '2025-01-01T00:00:00.000Z', ...extra,
  };
}

const dirs: Array<{ cleanup(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

describe('feedback dataset', () => {
  it('keeps the last decision per comment and puts only accepted comments in the SFT answer', () => {
    const a = comment('a', 2, 'Null check missing', 'if (x) use(x);');
    const b = comment('b', 5, 'Rename this');
    const groups = groupByReview([entry('r1', 'src/a.ts', a, 'dismissed'), entry('r1', 'src/a.ts', b, 'dismissed'), entry('r1', 'src/a.ts', a, 'accepted')]);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.decisions.map((d) => [d.comment.id, d.action])).toEqual([['a', 'accepted'], ['b', 'dismissed']]);
    const [sft] = sftExamples(groups);
    expect(sft!.example.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant']);
    const answer = JSON.parse(sft!.example.messages[2]!.content) as { comments: Array<{ message: string; suggestion: string | null; endLine: null }> };
    expect(answer.comments).toEqual([
      { line: 2, endLine: null, severity: 'warning', category: 'bug', message: 'Null check missing', suggestion: 'if (x) use(x);', standardId: null, sources: [] },
    ]);
  });

  it('builds preference pairs: accepted (with edits) preferred, what the model said non-preferred', () => {
    const a = comment('a', 2, 'Null check missing', 'if (x) use(x);');
    const b = comment('b', 5, 'Rename this');
    const c = comment('c', 7, 'Use const', 'const y = 1;');
    const groups = groupByReview([
      entry('r1', 'src/a.ts', a, 'accepted'), entry('r1', 'src/a.ts', b, 'dismissed'),
      entry('r2', 'src/b.ts', c, 'edited', { editedSuggestion: 'const y = 2;' }),
      entry('r3', 'src/c.ts', a, 'accepted'),
    ]);
    const pairs = preferenceExamples(groups);
    expect(pairs.map((p) => p.path)).toEqual(['src/a.ts', 'src/b.ts']);
    const [p1, p2] = pairs.map((p) => ({
      preferred: JSON.parse(p.example.preferred_output[0]!.content) as { comments: Array<{ message: string; suggestion: string | null }> },
      rejected: JSON.parse(p.example.non_preferred_output[0]!.content) as { comments: Array<{ message: string; suggestion: string | null }> },
    }));
    expect(p1!.preferred.comments.map((x) => x.message)).toEqual(['Null check missing']);
    expect(p1!.rejected.comments.map((x) => x.message)).toEqual(['Null check missing', 'Rename this']);
    expect(p2!.preferred.comments[0]!.suggestion).toBe('const y = 2;');
    expect(p2!.rejected.comments[0]!.suggestion).toBe('const y = 1;');
    for (const p of pairs) expect(validatePreference(p.example)).toBeUndefined();
  });

  it('rejects examples a provider would reject', () => {
    const ok = { messages: [{ role: 'user' as const, content: 'q' }, { role: 'assistant' as const, content: '{"summary":"s","comments":[]}' }] };
    expect(validateSft(ok)).toBeUndefined();
    expect(validateSft({ messages: [{ role: 'user', content: ' ' }, ok.messages[1]!] })).toBe('empty turn');
    expect(validateSft({ messages: [ok.messages[0]!, { role: 'assistant', content: 'not json' }] })).toBe('assistant output is not JSON');
    expect(validateSft({ messages: [ok.messages[1]!, ok.messages[0]!] })).toBe('last turn is not the assistant');
    expect(validateSft({ messages: [ok.messages[0]!, { role: 'assistant', content: '{"summary":"s","comments":[{"line":0}]}' }] })).toBe('review comment without a line');
    expect(validateSft({ messages: [{ role: 'user', content: 'x'.repeat(400) }, ok.messages[1]!] }, 50)).toBe('longer than 50 tokens');
  });

  it('splits by file: deterministic, never one file on both sides, a validation file when there are two or more', () => {
    const paths = Array.from({ length: 40 }, (_, i) => `src/f${i}.ts`);
    const v1 = validationPaths(paths, 0.2);
    expect(validationPaths([...paths].reverse(), 0.2)).toEqual(v1);
    expect(v1.size).toBeGreaterThan(0);
    expect(v1.size).toBeLessThan(paths.length);
    expect(validationPaths(['only.ts'], 0.5).size).toBe(0);
    expect(validationPaths(['a.ts', 'b.ts'], 0.0001).size).toBe(1);
  });

  it('exports de-duplicated JSONL with a summary and a warning under 500 examples', async () => {
    const out = tempDir('gw-export-');
    dirs.push(out);
    const entries: FeedbackEntry[] = [];
    for (let i = 0; i < 12; i++) {
      const file = `src/file${i}.ts`;
      entries.push(entry(`r${i}`, file, comment(`a${i}`, 2, `Issue ${i}`, 'fixed();'), 'accepted'));
      entries.push(entry(`r${i}`, file, comment(`b${i}`, 3, `Noise ${i}`), 'dismissed'));
    }
    // The same review again (same prompt, same outcome): a duplicate.
    entries.push(entry('again', 'src/file0.ts', comment('a0', 2, 'Issue 0', 'fixed();'), 'accepted'));
    entries.push(entry('again', 'src/file0.ts', comment('b0', 3, 'Noise 0'), 'dismissed'));
    const summary = await exportFineTuningData(entries, out.dir);
    expect(summary.duplicatesRemoved).toBe(2);
    expect(summary.sft.train + summary.sft.validation).toBe(12);
    expect(summary.preference.train + summary.preference.validation).toBe(12);
    expect(summary.sft.validation).toBeGreaterThan(0);
    expect(summary.warnings[0]).toMatch(/Only 12 supervised examples: 500\+/);
    expect(readdirSync(out.dir).sort()).toEqual(['preference.train.jsonl', 'preference.validation.jsonl', 'sft.train.jsonl', 'sft.validation.jsonl']);
    const lines = readFileSync(path.join(out.dir, 'sft.train.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(summary.sft.train);
    expect(summary.estimatedTokens).toBeGreaterThan(0);
    expect(formatExportSummary(summary)).toMatch(/12 supervised and 12 preference examples/);
  });

  it('refuses an empty log and a log without any usable example', async () => {
    const out = tempDir('gw-export-');
    dirs.push(out);
    await expect(exportFineTuningData([], out.dir)).rejects.toThrow(/feedback log is empty/);
    await expect(exportFineTuningData([entry('r', 'a.ts', comment('a', 1, 'x'), 'accepted', { messages: [] })], out.dir)).rejects.toThrow(/no usable training example \(1 × no user turn\)/);
  });
});
