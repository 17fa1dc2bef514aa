import type { ChunkKind, ParsedChunk } from './types';

/** Chunk sizes, in lines. */
export const LIMITS = {
  /** A class longer than this becomes a skeleton chunk plus one chunk per member. */
  largeClass: 150,
  /** A node longer than this is split into windows that keep its symbol. */
  oversized: 200,
  /** Window size and overlap when an oversized node is split. */
  splitWindow: 100,
  splitOverlap: 10,
  /** Consecutive small top-level nodes are merged into module chunks up to this size. */
  moduleMax: 60,
  /** Line windows for files without a grammar. */
  textWindow: 60,
  textOverlap: 5,
} as const;

/** The file's lines (without terminators), addressed 1-based and inclusive. */
export class SourceLines {
  readonly lines: string[];

  constructor(text: string) {
    this.lines = text.split(/\r?\n/);
  }

  get count(): number {
    return this.lines.length;
  }

  slice(start: number, end: number): string {
    return this.lines.slice(start - 1, end).join('\n');
  }

  /** True when lines start..end hold nothing but whitespace. */
  isBlank(start: number, end: number): boolean {
    for (let i = start - 1; i < end; i++) if (this.lines[i]?.trim()) return false;
    return true;
  }
}

const COMMENT_LINE = /^\s*(\/\/|#|\/\*|\*|--|;)/;

/** Whether a line is (the start or a line of) a comment in one of the indexed languages. */
export function isCommentLine(line: string): boolean {
  return COMMENT_LINE.test(line);
}

/**
 * The line a list shows for a chunk: its first line of code (`function compileQueryParser(val) {`),
 * not the `/**` of the doc comment above it; the first non-blank line when it is all comments.
 */
export function headline(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim());
  return (lines.find((l) => !isCommentLine(l)) ?? lines[0] ?? '').trim();
}

/**
 * The line of a chunk that defines its symbol, and its 0-based offset in the chunk: the first line
 * of code that names the symbol's last part (`couponLabel(): string {` for
 * `OrderSummary.couponLabel`, where a merged result starts at its component's `methods: {`);
 * `headline`'s line when none does.
 */
export function definitionLine(text: string, symbol: string): { text: string; offset: number } {
  const lines = text.split('\n');
  const name = symbol.split(',')[0]?.trim().split('.').pop() ?? '';
  if (/^[\w$]+$/.test(name)) {
    const named = new RegExp(`(^|[^\\w$])${name.replace(/\$/g, '\\$')}([^\\w$]|$)`);
    const at = lines.findIndex((l) => !isCommentLine(l) && named.test(l));
    if (at >= 0) return { text: (lines[at] as string).trim(), offset: at };
  }
  const head = headline(text);
  return { text: head, offset: Math.max(0, lines.findIndex((l) => l.trim() === head)) };
}

/** Windows of `size` lines overlapping by `overlap`, covering start..end. */
export function windowRanges(start: number, end: number, size: number, overlap: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let s = start; s <= end; s += size - overlap) {
    const e = Math.min(end, s + size - 1);
    out.push([s, e]);
    if (e === end) break;
  }
  return out;
}

/** A span as one chunk, or as windows with the same kind and symbol when it is oversized. */
export function spanChunks(
  source: SourceLines,
  kind: ChunkKind,
  symbol: string,
  container: string | undefined,
  start: number,
  end: number,
): ParsedChunk[] {
  const ranges =
    end - start + 1 > LIMITS.oversized
      ? windowRanges(start, end, LIMITS.splitWindow, LIMITS.splitOverlap)
      : [[start, end] as [number, number]];
  return ranges
    .filter(([s, e]) => !source.isBlank(s, e))
    .map(([s, e]) => ({ kind, symbol, container, startLine: s, endLine: e, text: source.slice(s, e) }));
}

/** Line windows over a whole file: the chunks of a language we have no grammar for. */
export function textWindows(source: SourceLines): ParsedChunk[] {
  let end = source.count;
  while (end > 0 && !source.lines[end - 1]?.trim()) end--;
  if (end === 0) return [];
  return windowRanges(1, end, LIMITS.textWindow, LIMITS.textOverlap)
    .filter(([s, e]) => !source.isBlank(s, e))
    .map(([s, e]) => ({ kind: 'window', symbol: '', startLine: s, endLine: e, text: source.slice(s, e) }));
}
