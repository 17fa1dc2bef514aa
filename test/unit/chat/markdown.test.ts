import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, safeHref } from '../../../src/webview/chat/markdown';

describe('chat markdown reader', () => {
  it('reads fenced code, headings, lists, quotes and paragraphs', () => {
    const blocks = parseMarkdown('# Title\n\nSome *text* and **bold**.\n\n```ts\nconst a = 1;\n```\n\n- one\n- two\n  - nested\n\n1. first\n2. second\n\n> quoted\n\n---');
    expect(blocks.map((b) => b.t)).toEqual(['h', 'p', 'code', 'list', 'list', 'quote', 'hr']);
    expect(blocks[2]).toEqual({ t: 'code', lang: 'ts', text: 'const a = 1;', open: false });
    const bullets = blocks[3] as Extract<(typeof blocks)[number], { t: 'list' }>;
    expect(bullets.items).toHaveLength(2);
    expect(bullets.items[1]!.map((b) => b.t)).toEqual(['p', 'list']);
    expect((blocks[4] as { ordered: boolean }).ordered).toBe(true);
  });

  it('keeps an unclosed fence open while the answer streams', () => {
    const blocks = parseMarkdown('Here:\n```py\ndef f():\n    return 1');
    expect(blocks[1]).toEqual({ t: 'code', lang: 'py', text: 'def f():\n    return 1', open: true });
  });

  it('turns [n] and [n, m] into citations and keeps other brackets as text', () => {
    expect(parseInline('see [1] and [2, 3] but not [x]')).toEqual([
      { t: 'text', text: 'see ' }, { t: 'cite', n: 1 }, { t: 'text', text: ' and ' }, { t: 'cite', n: 2 }, { t: 'cite', n: 3 },
      { t: 'text', text: ' but not [x]' },
    ]);
  });

  it('links only http, https and mailto; other schemes keep their text and lose the link', () => {
    expect(parseInline('[docs](https://example.com/a)')).toEqual([{ t: 'link', href: 'https://example.com/a', children: [{ t: 'text', text: 'docs' }] }]);
    expect(parseInline('[x](javascript:alert(1))')).not.toContainEqual(expect.objectContaining({ t: 'link' }));
    expect(parseInline('[x](javascript:alert`1`)').some((n) => n.t === 'link')).toBe(false);
    expect(parseInline('[y](data:text/html,hi)').some((n) => n.t === 'link')).toBe(false);
    expect(parseInline('[z](src/a.ts)')).toEqual([{ t: 'text', text: 'z' }]);
    expect(safeHref('JAVASCRIPT:alert(1)')).toBeUndefined();
    expect(safeHref(' mailto:a@b.c')).toBe('mailto:a@b.c');
  });

  it('leaves raw HTML as text', () => {
    const nodes = parseInline('<img src=x onerror=alert(1)> <script>alert(1)</script>');
    expect(nodes).toEqual([{ t: 'text', text: '<img src=x onerror=alert(1)> <script>alert(1)</script>' }]);
  });

  it('reads inline code, emphasis, escapes and bare URLs', () => {
    expect(parseInline('`a*b*` *em* __strong__ snake_case_name \\*lit\\* https://x.org/p.')).toEqual([
      { t: 'code', text: 'a*b*' }, { t: 'text', text: ' ' }, { t: 'em', children: [{ t: 'text', text: 'em' }] }, { t: 'text', text: ' ' },
      { t: 'strong', children: [{ t: 'text', text: 'strong' }] }, { t: 'text', text: ' snake_case_name *lit* ' },
      { t: 'link', href: 'https://x.org/p', children: [{ t: 'text', text: 'https://x.org/p' }] }, { t: 'text', text: '.' },
    ]);
  });
});
