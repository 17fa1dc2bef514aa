import { describe, expect, it } from 'vitest';
import { buildPrompt, THIN_CONTEXT_NOTICE } from '../../../src/core/prompt/builder';
import type { RetrievedChunk, RetrievedStandard } from '../../../src/core/retrieve/types';
import { DATA_NOTICE } from '../../../src/core/safety';

const chunk = (over: Partial<RetrievedChunk>): RetrievedChunk => ({
  id: 'c', path: 'src/db.ts', language: 'typescript', kind: 'function', symbol: 'connect', startLine: 1, endLine: 5,
  text: 'export function connect() {}', score: 0.5, reasons: ['lexical'], ...over,
});
const standard = (over: Partial<RetrievedStandard>): RetrievedStandard => ({
  id: 'ERR-001', title: 'Handle errors', source: '.groundwork/standards/errors.md', text: 'Never swallow errors.',
  alwaysApply: false, score: 0.4, ...over,
});

describe('buildPrompt', () => {
  it('numbers, labels and fences every source, standards first for a review; the data notice is in the system prompt', () => {
    const built = buildPrompt({
      task: 'review', content: 'How do we connect?', thin: false, budgetTokens: 4000,
      chunks: [chunk({ score: 0.2, path: 'src/b.ts', startLine: 7, endLine: 9 }), chunk({ score: 0.9 })],
      standards: [standard({})],
    });
    expect(built.sources.map((s) => [s.n, s.label, s.kind])).toEqual([
      [1, 'ERR-001', 'standard'], [2, 'src/db.ts:1-5', 'code'], [3, 'src/b.ts:7-9', 'code'],
    ]);
    const [system, user] = built.messages;
    expect(system!.role).toBe('system');
    expect(system!.content).toContain(DATA_NOTICE);
    expect(system!.content).not.toContain(THIN_CONTEXT_NOTICE);
    expect(user!.content).toContain('<<[1] standard ERR-001 — Handle errors (from .groundwork/standards/errors.md)>>\n```\nNever swallow errors.\n```');
    expect(user!.content).toContain('<<[2] code src/db.ts:1-5 (function connect)>>\n```\nexport function connect() {}\n```');
    expect(user!.content.trimEnd().endsWith('How do we connect?')).toBe(true);
  });

  it('puts code first for a chat question, standards after it', () => {
    const built = buildPrompt({
      task: 'chat', content: 'How do we connect?', thin: false, budgetTokens: 4000,
      chunks: [chunk({ score: 0.2, path: 'src/b.ts', startLine: 7, endLine: 9 }), chunk({ score: 0.9 })],
      standards: [standard({})],
    });
    expect(built.sources.map((s) => [s.n, s.label, s.kind])).toEqual([
      [1, 'src/db.ts:1-5', 'code'], [2, 'src/b.ts:7-9', 'code'], [3, 'ERR-001', 'standard'],
    ]);
  });

  it('redacts secrets and strips invisible Unicode everywhere, and reports counts', () => {
    const built = buildPrompt({
      task: 'review', content: 'Review\u200b this', thin: false, budgetTokens: 4000,
      subject: { label: 'reviewed code a.ts:1-1', text: '1 | const key = "AKIAIOSFODNN7EXAMPLE";' },
      chunks: [chunk({ text: 'const token = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";\u202e' })],
      standards: [standard({ text: 'Use\u{E0041}\u{E0042} logging.' })],
      history: [],
    });
    const all = built.messages.map((m) => m.content).join('\n');
    expect(all).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(all).not.toContain('ghp_abcdefghijklmnopqrstuvwxyz0123456789');
    expect(all).toContain('[REDACTED:aws-access-key]');
    expect(all).not.toMatch(/[\u200b\u202e\u{E0041}]/u);
    expect(built.sanitized).toMatchObject({ secrets: 2, invisible: 4 });
    expect(built.sanitized.secretKinds).toEqual(expect.arrayContaining(['aws-access-key', 'github-token']));
  });

  it('says when the context is thin', () => {
    const built = buildPrompt({ task: 'chat', content: 'q', thin: true, budgetTokens: 2000, chunks: [], standards: [] });
    expect(built.messages[0]!.content).toContain(THIN_CONTEXT_NOTICE);
    expect(built.messages[1]!.content).toContain('Context sources: none were retrieved.');
  });

  it('packs sources into the budget best first and counts what it left out', () => {
    const big = 'x'.repeat(4000); // ~1000 tokens each
    const built = buildPrompt({
      task: 'chat', content: 'q', thin: false, budgetTokens: 1800,
      chunks: [chunk({ path: 'a.ts', score: 0.1, text: big }), chunk({ path: 'b.ts', score: 0.9, text: big }), chunk({ path: 'c.ts', score: 0.5, text: 'small' })],
      standards: [],
    });
    expect(built.sources.map((s) => s.label)).toEqual(['b.ts:1-5', 'c.ts:1-5']);
    expect(built.omitted).toBe(1);
    expect(built.estimatedTokens).toBeLessThanOrEqual(1800);
  });

  it('keeps chat history in order between system and user', () => {
    const built = buildPrompt({
      task: 'chat', content: 'and then?', thin: false, budgetTokens: 2000, chunks: [], standards: [],
      history: [{ role: 'user', content: 'first' }, { role: 'assistant', content: 'answer' }],
    });
    expect(built.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
  });
});
