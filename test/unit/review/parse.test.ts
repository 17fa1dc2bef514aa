import { describe, expect, it } from 'vitest';
import { extractJson, parseReviewOutput, repairJson } from '../../../src/core/review/parse';

const good = { summary: 'ok', comments: [{ line: 3, severity: 'warning', category: 'bug', message: 'Off by one.' }] };

describe('parseReviewOutput', () => {
  it('reads plain JSON and normalises nulls, aliases and numbers as strings', () => {
    const r = parseReviewOutput(JSON.stringify({
      summary: 'two',
      comments: [
        { line: '4', endLine: null, severity: 'High', category: 'Security', message: 'SQL built by concatenation', suggestion: null, standardId: null, sources: null },
        { line: 5, severity: 'minor', category: 'style', message: 'Name is unclear' },
      ],
    }));
    expect(r).toEqual({
      ok: true, summary: 'two', invalidComments: 0,
      comments: [
        { line: 4, endLine: undefined, severity: 'error', category: 'security', message: 'SQL built by concatenation', suggestion: undefined, standardId: undefined, sources: undefined },
        { line: 5, endLine: undefined, severity: 'info', category: 'other', message: 'Name is unclear', suggestion: undefined, standardId: undefined, sources: undefined },
      ],
    });
  });

  it('finds JSON inside fences, after prose and after a reasoning block', () => {
    const fenced = 'Here is my review:\n```json\n' + JSON.stringify(good, null, 2) + '\n```\nHope this helps.';
    expect(parseReviewOutput(fenced)).toMatchObject({ ok: true, comments: [{ line: 3 }] });
    const prose = 'Sure! ' + JSON.stringify(good) + ' Let me know.';
    expect(parseReviewOutput(prose)).toMatchObject({ ok: true, summary: 'ok' });
    const thinking = '<think>maybe {"line": 99}</think>\n' + JSON.stringify(good);
    expect(parseReviewOutput(thinking)).toMatchObject({ ok: true, comments: [{ line: 3 }] });
  });

  it('repairs trailing commas, raw newlines in strings and a cut-off reply', () => {
    const broken = '{"summary": "s", "comments": [{"line": 2, "severity": "error", "category": "bug", "message": "m",' +
      ' "suggestion": "if (a) {\n  b();\n}",},],}';
    const r = parseReviewOutput(broken);
    expect(r).toMatchObject({ ok: true, comments: [{ line: 2, suggestion: 'if (a) {\n  b();\n}' }] });
    const cut = '{"summary": "s", "comments": [{"line": 2, "severity": "error", "category": "bug", "message": "m"}';
    expect(parseReviewOutput(cut)).toMatchObject({ ok: true, comments: [{ line: 2 }] });
    expect(repairJson('{"a": "x,]", "b": [1,2,],}')).toBe('{"a": "x,]", "b": [1,2]}');
  });

  it('accepts a bare array and an "issues" alias', () => {
    expect(parseReviewOutput(JSON.stringify(good.comments))).toMatchObject({ ok: true, summary: '', comments: [{ line: 3 }] });
    expect(parseReviewOutput(JSON.stringify({ summary: 'x', issues: good.comments }))).toMatchObject({ ok: true, comments: [{ line: 3 }] });
  });

  it('drops single invalid comments but reports a reply with no usable comment', () => {
    const mixed = { summary: 's', comments: [{ line: 0, severity: 'warning', message: 'bad line' }, good.comments[0]] };
    expect(parseReviewOutput(JSON.stringify(mixed))).toMatchObject({ ok: true, invalidComments: 1, comments: [{ line: 3 }] });
    const none = { summary: 's', comments: [{ line: 2, severity: 'catastrophic', message: 'x' }] };
    expect(parseReviewOutput(JSON.stringify(none))).toMatchObject({ ok: false, error: expect.stringMatching(/severity/) });
    expect(parseReviewOutput('I found no issues.')).toEqual({ ok: false, error: 'the reply contains no JSON object' });
    expect(parseReviewOutput('{"summary": "x"}')).toMatchObject({ ok: false, error: expect.stringMatching(/comments/) });
    expect(extractJson('{ not json at all')).toBeUndefined();
  });
});
