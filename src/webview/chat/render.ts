/**
 * Markdown tree → DOM. Text only ever goes through `textContent` and attributes are set from a
 * fixed list, so nothing in an answer becomes markup. Clicks are handled by delegation in the view:
 * elements carry `data-action` (`open-source`, `open-link`, `copy`, `insert`).
 */
import type { SourceLink } from '../../core/chat/protocol';
import { parseMarkdown, type Block, type Inline } from './markdown';

type Attrs = Record<string, string>;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  children: Array<Node | string> = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'class') node.className = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  return node;
}

/** A source as its link text: `[n] path:start-end symbol` or `[n] standard-id — title`. */
export function sourceLink(source: SourceLink): HTMLAnchorElement {
  const title = source.kind === 'standard' && source.title ? ` — ${source.title}` : '';
  // A code source's symbol names what the lines hold: a list of bare line ranges says little.
  const symbol = source.kind === 'code' && source.title ? [' ', el('span', { class: 'source-symbol' }, [source.title])] : [];
  return el(
    'a',
    {
      href: '#',
      class: `source source-${source.kind}`,
      'data-action': 'open-source',
      'data-n': String(source.n),
      title: source.path ? `Open ${source.path}${source.startLine ? ` at line ${source.startLine}` : ''}` : source.label,
    },
    [el('span', { class: 'source-n' }, [`[${source.n}]`]), ` ${source.label}${title}`, ...symbol],
  );
}

export function renderMarkdown(markdown: string, sources: readonly SourceLink[]): DocumentFragment {
  const byN = new Map(sources.map((s) => [s.n, s]));
  const fragment = document.createDocumentFragment();
  for (const block of parseMarkdown(markdown)) fragment.append(renderBlock(block, byN));
  return fragment;
}

function renderBlock(block: Block, sources: ReadonlyMap<number, SourceLink>): Node {
  switch (block.t) {
    case 'p':
      return el('p', {}, renderInlines(block.children, sources));
    case 'h': {
      // Answers sit under the panel's own headings: h1 in an answer renders as h3, and so on.
      const level = Math.min(6, block.level + 2);
      return el(`h${level}` as 'h3', {}, renderInlines(block.children, sources));
    }
    case 'hr':
      return el('hr');
    case 'quote':
      return el('blockquote', {}, block.children.map((b) => renderBlock(b, sources)));
    case 'list': {
      const items = block.items.map((item) => el('li', {}, item.map((b) => renderBlock(b, sources))));
      return block.ordered && block.start !== 1
        ? el('ol', { start: String(block.start) }, items)
        : el(block.ordered ? 'ol' : 'ul', {}, items);
    }
    case 'code':
      return codeBlock(block.text, block.lang, block.open);
  }
}

function codeBlock(text: string, lang: string, open: boolean): HTMLElement {
  const language = lang.replace(/[^\w+#.-]/g, '').slice(0, 30);
  const toolbar = el('div', { class: 'code-toolbar' }, [
    el('span', { class: 'code-lang' }, [language]),
    el('button', { type: 'button', class: 'code-button', 'data-action': 'copy', title: 'Copy code' }, ['Copy']),
    el('button', { type: 'button', class: 'code-button', 'data-action': 'insert', title: 'Insert at cursor' }, ['Insert']),
  ]);
  const code = el('code', language ? { 'data-lang': language } : {}, [text]);
  return el('div', { class: open ? 'code-block streaming' : 'code-block' }, [toolbar, el('pre', {}, [code])]);
}

function renderInlines(nodes: readonly Inline[], sources: ReadonlyMap<number, SourceLink>): Node[] {
  return nodes.map((node) => renderInline(node, sources));
}

function renderInline(node: Inline, sources: ReadonlyMap<number, SourceLink>): Node {
  switch (node.t) {
    case 'text':
      return document.createTextNode(node.text);
    case 'code':
      return el('code', {}, [node.text]);
    case 'strong':
      return el('strong', {}, renderInlines(node.children, sources));
    case 'em':
      return el('em', {}, renderInlines(node.children, sources));
    case 'br':
      return el('br');
    case 'link':
      return el('a', { href: node.href, class: 'external', 'data-action': 'open-link', title: node.href }, renderInlines(node.children, sources));
    case 'cite': {
      const source = sources.get(node.n);
      if (!source) return document.createTextNode(`[${node.n}]`);
      return el(
        'a',
        { href: '#', class: 'cite', 'data-action': 'open-source', 'data-n': String(node.n), title: source.label },
        [`[${node.n}]`],
      );
    }
  }
}
