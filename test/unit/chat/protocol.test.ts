import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseQuestion, reviewAnswer } from '../../../src/core/chat/answers';
import { resolveInside } from '../../../src/core/chat/paths';
import { isSafeExternalUrl, parseWebviewMessage } from '../../../src/core/chat/validate';
import { chatHtml, contentSecurityPolicy } from '../../../src/vscode/chat/html';

describe('webview message validation', () => {
  it('accepts each well-formed message', () => {
    expect(parseWebviewMessage({ type: 'ready' })).toEqual({ ok: true, message: { type: 'ready' } });
    const send = { type: 'chat/send', requestId: 'r1', text: 'hi', selection: { path: 'src/a.ts', startLine: 2, endLine: 4 } };
    expect(parseWebviewMessage(send)).toEqual({ ok: true, message: send });
    expect(parseWebviewMessage({ type: 'source/open', path: 'src/a.ts', startLine: 3 }).ok).toBe(true);
  });

  it('rejects unknown types, extra keys, bad ids and bad ranges', () => {
    expect(parseWebviewMessage('ready').ok).toBe(false);
    expect(parseWebviewMessage({ type: 'eval', code: '1' })).toMatchObject({ ok: false, error: expect.stringContaining('unknown') });
    expect(parseWebviewMessage({ type: 'chat/abort', requestId: 'r1', extra: 1 }).ok).toBe(false);
    expect(parseWebviewMessage({ type: 'chat/abort', requestId: '../../x' }).ok).toBe(false);
    expect(parseWebviewMessage({ type: 'chat/send', requestId: 'r2', text: 'x', selection: { path: 'a', startLine: 5, endLine: 1 } }).ok).toBe(false);
    expect(parseWebviewMessage({ type: 'source/open', path: 'a', startLine: 0 }).ok).toBe(false);
    expect(parseWebviewMessage({ type: 'constructor' }).ok).toBe(false);
  });

  it('allows only http, https and mailto links', () => {
    expect(isSafeExternalUrl('https://example.com')).toBe(true);
    expect(isSafeExternalUrl('mailto:a@b.c')).toBe(true);
    expect(isSafeExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isSafeExternalUrl('command:workbench.action.quit')).toBe(false);
    expect(isSafeExternalUrl('file:///etc/passwd')).toBe(false);
  });
});

describe('chat helpers', () => {
  it('parses slash commands', () => {
    expect(parseQuestion('  /search parse config ')).toEqual({ ok: true, command: 'search', text: 'parse config' });
    expect(parseQuestion('/REVIEW')).toEqual({ ok: true, command: 'review', text: '' });
    expect(parseQuestion('where is x?')).toEqual({ ok: true, command: undefined, text: 'where is x?' });
    expect(parseQuestion('/deploy now')).toMatchObject({ ok: false, error: expect.stringContaining('/search') });
  });

  it('keeps source paths inside the workspace', () => {
    const root = path.resolve('/ws/project');
    expect(resolveInside(root, 'src/a.ts')).toBe(path.join(root, 'src/a.ts'));
    expect(resolveInside(root, '../other/a.ts')).toBeUndefined();
    expect(resolveInside(root, 'src/../../a.ts')).toBeUndefined();
    expect(resolveInside(root, '/etc/passwd')).toBeUndefined();
    expect(resolveInside(root, '')).toBeUndefined();
  });

  it('writes a review as markdown with its suggestion fenced', () => {
    const md = reviewAnswer({
      path: 'src/a.ts', range: { startLine: 3, endLine: 5 }, summary: 'One issue.', model: 'm',
      comments: [{ id: 'c1', line: 4, severity: 'warning', category: 'bug', message: 'Off by one.', suggestion: 'for (;;) ```' , standardId: 'ts-1' }],
      context: { messages: [], sources: [] },
      stats: { droppedOutOfRange: 0, clamped: 0, unknownStandards: 0, unknownSources: 0, merged: 0, invalidComments: 0, structuredOutput: true, repaired: false },
    });
    expect(md).toContain('**warning** · bug · line 4: Off by one. (standard `ts-1`)');
    expect(md).toContain('````\nfor (;;) ```\n````');
  });

  it('builds HTML with the strict CSP and a nonce on the only script', () => {
    const html = chatHtml({ cspSource: 'https://csp.src', nonce: 'abc123', scriptUri: 'https://csp.src/chat.js', styleUri: 'https://csp.src/chat.css' });
    expect(contentSecurityPolicy('https://csp.src', 'abc123')).toBe(
      "default-src 'none'; style-src https://csp.src; script-src 'nonce-abc123'; img-src https://csp.src data:",
    );
    expect(html).toContain(`content="default-src 'none'; style-src https://csp.src; script-src 'nonce-abc123'`);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('<script nonce="abc123" src="https://csp.src/chat.js"></script>');
  });
});
