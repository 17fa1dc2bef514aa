import { type SourceLines, spanChunks } from './lines';
import type { ParsedChunk, ParsedSymbol } from './types';

interface Heading {
  line: number;
  level: number;
  title: string;
}

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** ATX and setext headings outside fenced code and front matter. */
function headings(source: SourceLines): Heading[] {
  const out: Heading[] = [];
  const lines = source.lines;
  let fence: string | undefined;
  let i = 0;
  if (lines[0]?.trim() === '---') {
    const close = lines.findIndex((l, n) => n > 0 && (l.trim() === '---' || l.trim() === '...'));
    if (close > 0) i = close + 1;
  }
  for (; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const f = FENCE.exec(line);
    if (f) {
      const marker = f[1] as string;
      if (!fence) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (fence) continue;
    const atx = ATX.exec(line);
    if (atx) {
      out.push({ line: i + 1, level: (atx[1] as string).length, title: (atx[2] ?? '').trim() });
      continue;
    }
    const next = lines[i + 1] ?? '';
    if (line.trim() && !/^\s{4}/.test(line) && /^ {0,3}(=+|-{2,})\s*$/.test(next) && !/^\s*[-*+>|]/.test(line)) {
      out.push({ line: i + 1, level: next.trim().startsWith('=') ? 1 : 2, title: line.trim() });
      i++;
    }
  }
  return out;
}

/** Markdown split into sections by heading; each section's symbol is its heading path. */
export function markdownChunks(source: SourceLines): { chunks: ParsedChunk[]; symbols: ParsedSymbol[] } {
  const hs = headings(source);
  const chunks: ParsedChunk[] = [];
  const symbols: ParsedSymbol[] = [];
  let last = source.count;
  while (last > 0 && !source.lines[last - 1]?.trim()) last--;
  const firstHeading = hs[0]?.line ?? last + 1;
  if (firstHeading > 1 && !source.isBlank(1, firstHeading - 1)) {
    chunks.push(...spanChunks(source, 'section', '', undefined, 1, firstHeading - 1));
  }
  const path: Heading[] = [];
  hs.forEach((h, n) => {
    while (path.length > 0 && (path.at(-1) as Heading).level >= h.level) path.pop();
    const container = path.map((p) => p.title).join(' > ') || undefined;
    path.push(h);
    const symbol = path.map((p) => p.title).join(' > ');
    let end = (hs[n + 1]?.line ?? last + 1) - 1;
    while (end > h.line && !source.lines[end - 1]?.trim()) end--;
    chunks.push(...spanChunks(source, 'section', symbol, container, h.line, end));
    const sectionEnd = hs.slice(n + 1).find((o) => o.level <= h.level)?.line;
    symbols.push({ name: h.title, kind: 'section', container, line: h.line, endLine: (sectionEnd ?? last + 1) - 1 });
  });
  return { chunks, symbols };
}
