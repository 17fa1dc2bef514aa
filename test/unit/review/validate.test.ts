import { describe, expect, it } from 'vitest';
import type { PromptSource } from '../../../src/core/prompt/builder';
import type { RawComment } from '../../../src/core/review/schema';
import { cleanSuggestion, commentId, validateComments } from '../../../src/core/review/validate';

const sources: PromptSource[] = [
  { n: 1, label: 'ERR-001', kind: 'standard', standardId: 'ERR-001', title: 'Errors', source: 'STANDARDS.md' },
  { n: 2, label: 'src/db.ts:10-30', kind: 'code', path: 'src/db.ts', startLine: 10, endLine: 30 },
];
const ctx = { path: 'src/app.ts', startLine: 10, endLine: 20, sources };
const c = (over: Partial<RawComment>): RawComment => ({
  line: 12, endLine: undefined, severity: 'warning', category: 'bug', message: 'Problem here.',
  suggestion: undefined, standardId: undefined, sources: undefined, ...over,
});

describe('validateComments', () => {
  it('drops comments outside the range and clamps ones that straddle it (dropping their suggestion)', () => {
    const { comments, stats } = validateComments(
      [c({ line: 3, message: 'before' }), c({ line: 25, message: 'after' }), c({ line: 8, endLine: 11, message: 'straddles', suggestion: 'x' }),
        c({ line: 19, endLine: 24, message: 'tail' }), c({ line: 15, suggestion: 'fixed();' })],
      ctx,
    );
    expect(comments.map((x) => [x.line, x.endLine, x.message, x.suggestion])).toEqual([
      [10, 11, 'straddles', undefined],
      [15, undefined, 'Problem here.', 'fixed();'],
      [19, 20, 'tail', undefined],
    ]);
    expect(stats).toMatchObject({ droppedOutOfRange: 2, clamped: 2 });
  });

  it('keeps known standard ids (normalising case and brackets) and removes unknown ones', () => {
    const { comments, stats } = validateComments(
      [c({ line: 11, standardId: '[err-001]', message: 'a' }), c({ line: 12, standardId: 'EVIL-9', message: 'b' })],
      ctx,
    );
    expect(comments[0]!.standardId).toBe('ERR-001');
    expect(comments[1]!.standardId).toBeUndefined();
    expect(stats.unknownStandards).toBe(1);
  });

  it('maps source references to labels and removes unknown ones', () => {
    const { comments, stats } = validateComments([c({ sources: ['[2]', 'src/db.ts:10-30', '1', 'http://evil', '[7]'] })], ctx);
    expect(comments[0]!.sources).toEqual(['src/db.ts:10-30', 'ERR-001']);
    expect(stats.unknownSources).toBe(2);
  });

  it('merges duplicates, keeping the higher severity and the suggestion', () => {
    const { comments, stats } = validateComments(
      [c({ severity: 'info', message: 'Missing null check' }), c({ severity: 'error', message: 'missing  null check.', suggestion: 'if (x) y();' })],
      ctx,
    );
    expect(stats.merged).toBe(1);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatchObject({ severity: 'error', suggestion: 'if (x) y();', message: 'Missing null check' });
  });

  it('gives each comment a stable id from path, line and message', () => {
    const a = validateComments([c({ message: 'Same' })], ctx).comments[0]!;
    const b = validateComments([c({ message: 'same.' })], ctx).comments[0]!;
    expect(a.id).toBe(b.id);
    expect(a.id).toBe(commentId('src/app.ts', 12, 'Same'));
    expect(a.id).not.toBe(commentId('src/other.ts', 12, 'Same'));
    expect(a.id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('strips invisible characters from messages', () => {
    const { comments } = validateComments([c({ message: 'Looks\u200b fine\u202e' })], ctx);
    expect(comments[0]!.message).toBe('Looks fine');
  });
});

describe('cleanSuggestion', () => {
  it('removes fences and copied line-number gutters', () => {
    expect(cleanSuggestion('```ts\nconst a = 1;\n```')).toBe('const a = 1;');
    expect(cleanSuggestion('12 | const a = 1;\n13 |   b();')).toBe('const a = 1;\n  b();');
    expect(cleanSuggestion('  return x;\n')).toBe('  return x;');
    expect(cleanSuggestion('   ')).toBeUndefined();
  });
});
