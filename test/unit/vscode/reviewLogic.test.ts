import { describe, expect, it } from 'vitest';
import type { PromptSource } from '../../../src/core/prompt/builder';
import type { ReviewComment } from '../../../src/core/review/schema';
import { codeBlock, escapeMarkdown, renderCommentMarkdown } from '../../../src/vscode/review/commentMarkdown';
import { reconcile, shiftComment } from '../../../src/vscode/review/reconcile';

const c = (id: string, line: number, over: Partial<ReviewComment> = {}): ReviewComment => ({
  id, line, severity: 'warning', category: 'bug', message: `message ${id}`, ...over,
});

describe('reconciling a repeated review by comment id', () => {
  it('reports added, changed, unchanged and removed; leaves comments outside the reviewed lines alone', () => {
    const shown = new Map([['a', c('a', 3)], ['b', c('b', 5)], ['gone', c('gone', 7)], ['outside', c('outside', 40)]]);
    const result = reconcile(shown, [c('a', 3), c('b', 5, { severity: 'error' }), c('new', 9)], { startLine: 1, endLine: 20 });
    expect(result.added.map((x) => x.id)).toEqual(['new']);
    expect(result.changed.map((x) => x.id)).toEqual(['b']);
    expect(result.unchanged.map((x) => x.id)).toEqual(['a']);
    expect(result.removed).toEqual(['gone']);
  });

  it('counts a multi-line comment overlapping the range as inside it', () => {
    const shown = new Map([['span', c('span', 8, { endLine: 12 })]]);
    expect(reconcile(shown, [], { startLine: 10, endLine: 11 }).removed).toEqual(['span']);
    expect(reconcile(shown, [], { startLine: 13, endLine: 20 }).removed).toEqual([]);
  });

  it('moves comments below an edit by the number of lines it added or removed', () => {
    // Lines 3-4 replaced by one line: everything below moves up by one.
    expect(shiftComment(c('x', 10, { endLine: 12 }), { startLine: 3, endLine: 4, newLineCount: 1 })).toMatchObject({ line: 9, endLine: 11 });
    // Three lines inserted at line 5 (replacing 1 line with 4).
    expect(shiftComment(c('x', 6), { startLine: 5, endLine: 5, newLineCount: 4 })).toMatchObject({ line: 9 });
    expect(shiftComment(c('x', 6), { startLine: 5, endLine: 5, newLineCount: 4 })!.endLine).toBeUndefined();
    // Above the edit, or touched by it, or an edit that keeps the line count: no move.
    expect(shiftComment(c('x', 2), { startLine: 5, endLine: 5, newLineCount: 4 })).toBeUndefined();
    expect(shiftComment(c('x', 5), { startLine: 5, endLine: 5, newLineCount: 4 })).toBeUndefined();
    expect(shiftComment(c('x', 9), { startLine: 5, endLine: 6, newLineCount: 2 })).toBeUndefined();
  });
});

describe('comment thread markdown', () => {
  const sources: PromptSource[] = [
    { n: 1, label: 'STD-1', kind: 'standard', standardId: 'STD-1', title: 'Use const', source: '.groundwork/standards/team.md' },
    { n: 2, label: 'src/db.ts:10-14', kind: 'code', path: 'src/db.ts', startLine: 10, endLine: 14 },
  ];
  const link = (rel: string, line?: number) => `file:///ws/${rel}${line ? `#L${line}` : ''}`;

  it('shows severity, category, message, the cited standard linked to its source, the suggestion and the sources', () => {
    const md = renderCommentMarkdown(
      c('a', 3, { category: 'standards', message: 'Use const here.', standardId: 'STD-1', suggestion: 'const x = 1;', sources: ['src/db.ts:10-14', 'STD-1'] }),
      { sources, language: 'typescript', model: 'ft:review:team', link },
    );
    expect(md).toContain('$(warning) **warning** · standards');
    expect(md).toContain('Use const here.');
    expect(md).toContain('Standard: [STD\\-1 — Use const](file:///ws/.groundwork/standards/team.md)');
    expect(md).toContain('```typescript\nconst x = 1;\n```');
    expect(md).toContain('Sources: [src/db\\.ts:10\\-14](file:///ws/src/db.ts#L10)');
    expect(md).toContain('ft:review:team');
  });

  it('names an unknown standard without a link and fences suggestions that contain backticks', () => {
    const md = renderCommentMarkdown(c('b', 1, { standardId: 'X-9', suggestion: 'const s = ```;' }), { sources, language: 'js', model: 'm', link });
    expect(md).toContain('Standard: X\\-9');
    expect(codeBlock('a ``` b', 'js')).toBe('````js\na ``` b\n````');
    expect(escapeMarkdown('[x](javascript:alert)')).toBe('\\[x\\]\\(javascript:alert\\)');
  });
});
