/**
 * A small, safe markdown reader for model answers. It produces a tree, never HTML: the renderer
 * turns the tree into DOM nodes with `textContent`, so raw HTML in an answer stays text. Supported:
 * fenced code, headings, lists (nested by indentation), block quotes, rules, paragraphs; inline
 * code, bold, italic, links (http, https, mailto only), bare URLs and citations `[n]` / `[n, m]`.
 */

export type Inline =
  | { t: 'text'; text: string }
  | { t: 'code'; text: string }
  | { t: 'strong'; children: Inline[] }
  | { t: 'em'; children: Inline[] }
  | { t: 'link'; href: string; children: Inline[] }
  | { t: 'cite'; n: number }
  | { t: 'br' };

export type Block =
  | { t: 'p'; children: Inline[] }
  | { t: 'h'; level: number; children: Inline[] }
  | { t: 'code'; lang: string; text: string; open: boolean }
  | { t: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { t: 'quote'; children: Block[] }
  | { t: 'hr' };

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)[^`]*$/;
const HEADING = /^ {0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$/;
const RULE = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const QUOTE = /^ {0,3}>\s?(.*)$/;
const ITEM = /^( {0,3})([-*+]|\d{1,9}[.)])(\s+|$)(.*)$/;
const MAX_DEPTH = 8;

export function parseMarkdown(source: string): Block[] {
  return parseBlocks(source.replace(/\r\n?/g, '\n').split('\n'), 0);
}

function startsBlock(line: string): boolean {
  return FENCE.test(line) || HEADING.test(line) || QUOTE.test(line) || ITEM.test(line) || RULE.test(line);
}

const indentOf = (line: string) => /^ */.exec(line)![0].length;
const isBlank = (line: string) => line.trim() === '';

function parseBlocks(lines: string[], depth: number): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(line)) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1]!;
      const body: string[] = [];
      let closed = false;
      for (i++; i < lines.length; i++) {
        const close = lines[i]!.trim();
        if (close.length >= marker.length && close === marker[0]!.repeat(close.length)) {
          closed = true;
          i++;
          break;
        }
        body.push(lines[i]!);
      }
      blocks.push({ t: 'code', lang: fence[2] ?? '', text: body.join('\n'), open: !closed });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ t: 'h', level: heading[1]!.length, children: parseInline(heading[2] ?? '') });
      i++;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ t: 'hr' });
      i++;
      continue;
    }
    if (QUOTE.test(line) && depth < MAX_DEPTH) {
      const inner: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i]!)) inner.push(QUOTE.exec(lines[i++]!)![1]!);
      blocks.push({ t: 'quote', children: parseBlocks(inner, depth + 1) });
      continue;
    }
    const item = ITEM.exec(line);
    if (item && depth < MAX_DEPTH) {
      const [list, next] = parseList(lines, i, depth);
      blocks.push(list);
      i = next;
      continue;
    }
    const para: string[] = [line.trim()];
    for (i++; i < lines.length && !isBlank(lines[i]!) && !startsBlock(lines[i]!); i++) para.push(lines[i]!.trim());
    blocks.push({ t: 'p', children: parseInline(para.join('\n')) });
  }
  return blocks;
}

function parseList(lines: string[], from: number, depth: number): [Block, number] {
  const first = ITEM.exec(lines[from]!)!;
  const ordered = /\d/.test(first[2]!);
  const baseIndent = first[1]!.length;
  const items: Block[][] = [];
  let i = from;
  while (i < lines.length) {
    const m = ITEM.exec(lines[i]!);
    if (!m || m[1]!.length !== baseIndent || /\d/.test(m[2]!) !== ordered) break;
    const contentIndent = baseIndent + m[2]!.length + Math.max(1, m[3]!.length);
    const body: string[] = [m[4]!];
    for (i++; i < lines.length; i++) {
      const line = lines[i]!;
      if (isBlank(line)) {
        const next = lines.slice(i + 1).find((l) => !isBlank(l));
        if (next !== undefined && indentOf(next) >= Math.min(contentIndent, baseIndent + 2)) {
          body.push('');
          continue;
        }
        break;
      }
      const indent = indentOf(line);
      if (indent >= baseIndent + 2) body.push(line.slice(Math.min(indent, contentIndent)));
      else if (!startsBlock(line) && !isBlank(body[body.length - 1]!)) body.push(line.trim());
      else break;
    }
    items.push(parseBlocks(body, depth + 1));
    while (i < lines.length && isBlank(lines[i]!)) {
      const next = lines.slice(i).find((l) => !isBlank(l));
      const nm = next === undefined ? null : ITEM.exec(next);
      if (!nm || nm[1]!.length !== baseIndent) break;
      i++;
    }
  }
  return [{ t: 'list', ordered, start: ordered ? Number.parseInt(first[2]!, 10) : 1, items }, i];
}

const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/** An absolute http, https or mailto URL; anything else (javascript:, data:, relative) is not a link. */
export function safeHref(raw: string): string | undefined {
  const href = raw.trim();
  if (!/^(https?:\/\/|mailto:)/i.test(href)) return undefined;
  try {
    const url = new URL(href);
    return SAFE_SCHEMES.has(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const CITE = /^\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\](?!\()/;
const LINK = /^\[([^\]\n]{0,500})\]\(\s*<?([^()\s<>]{0,2000})>?(?:\s+"[^"\n]*")?\s*\)/;
const BARE_URL = /^https?:\/\/[^\s<>()[\]"'`]+[^\s<>()[\]"'`.,;:!?]/;
const ESCAPABLE = '\\`*_{}[]()#+-.!<>|~"\'';

export function parseInline(source: string, depth = 0): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ t: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    const rest = source.slice(i);
    if (ch === '\\' && i + 1 < source.length) {
      const next = source[i + 1]!;
      if (next === '\n') {
        flush();
        out.push({ t: 'br' });
        i += 2;
        continue;
      }
      if (ESCAPABLE.includes(next)) {
        text += next;
        i += 2;
        continue;
      }
    }
    if (ch === '`') {
      const run = /^`+/.exec(rest)![0];
      const end = source.indexOf(run, i + run.length);
      if (end > 0 && source[end + run.length] !== '`') {
        flush();
        out.push({ t: 'code', text: source.slice(i + run.length, end).replace(/\n/g, ' ') });
        i = end + run.length;
        continue;
      }
      text += run;
      i += run.length;
      continue;
    }
    if (ch === '[') {
      const cite = CITE.exec(rest);
      if (cite) {
        flush();
        for (const n of cite[1]!.split(',')) out.push({ t: 'cite', n: Number(n.trim()) });
        i += cite[0].length;
        continue;
      }
      const link = depth < 4 ? LINK.exec(rest) : null;
      if (link) {
        flush();
        const children = parseInline(link[1]!, depth + 1);
        const href = safeHref(link[2]!);
        if (href) out.push({ t: 'link', href, children });
        else out.push(...children);
        i += link[0].length;
        continue;
      }
    }
    if ((ch === '*' || ch === '_') && depth < 6) {
      const strong = source.startsWith(ch + ch, i);
      const marker = strong ? ch + ch : ch;
      const leftOk = ch === '*' || i === 0 || !/[\p{L}\p{N}]/u.test(source[i - 1]!);
      const after = source[i + marker.length];
      if (leftOk && after !== undefined && !/\s/.test(after)) {
        const end = findClose(source, marker, i + marker.length);
        if (end > 0) {
          flush();
          const children = parseInline(source.slice(i + marker.length, end), depth + 1);
          out.push(strong ? { t: 'strong', children } : { t: 'em', children });
          i = end + marker.length;
          continue;
        }
      }
    }
    if (ch === 'h' && (i === 0 || !/[\p{L}\p{N}]/u.test(source[i - 1]!))) {
      const url = BARE_URL.exec(rest);
      const href = url ? safeHref(url[0]) : undefined;
      if (url && href) {
        flush();
        out.push({ t: 'link', href, children: [{ t: 'text', text: url[0] }] });
        i += url[0].length;
        continue;
      }
    }
    if (ch === '\n') {
      const hard = text.endsWith('  ');
      text = text.replace(/ +$/, '');
      if (hard) {
        flush();
        out.push({ t: 'br' });
      } else {
        text += '\n';
      }
      i++;
      continue;
    }
    text += ch;
    i++;
  }
  flush();
  return out;
}

/** The closing marker for emphasis: not preceded by whitespace; for `*` not part of a longer run. */
function findClose(source: string, marker: string, from: number): number {
  for (let j = source.indexOf(marker, from); j > 0; j = source.indexOf(marker, j + 1)) {
    if (/\s/.test(source[j - 1]!)) continue;
    if (marker.length === 1 && (source[j + 1] === marker || source[j - 1] === marker)) continue;
    if (marker === '_' && /[\p{L}\p{N}]/u.test(source[j + 1] ?? '')) continue;
    return j;
  }
  return -1;
}
