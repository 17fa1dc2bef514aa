import type { Node } from 'web-tree-sitter';
import { bodyOf, endLine } from './names';
import type { SourceLines } from './lines';
import type { SyntaxSpec } from './syntax';

const CLOSER = /^(?:[}\])]+[;,]?|end|};)$/
const ELLIPSIS = '…';

interface Collapse {
  /** 0-based rows, inclusive, replaced by one `…` line. */
  from: number;
  to: number;
  indent: string;
}

function collapseOf(member: Node, spec: SyntaxSpec, source: SourceLines): Collapse | undefined {
  const first = member.startPosition.row;
  const last = endLine(member) - 1;
  const body = bodyOf(member, spec);
  let headEnd = first;
  if (body) {
    const row = body.startPosition.row;
    const before = (source.lines[row] ?? '').slice(0, body.startPosition.column);
    headEnd = Math.max(first, before.trim() ? row : row - 1);
  }
  const tailStart = CLOSER.test((source.lines[last] ?? '').trim()) ? last : last + 1;
  if (tailStart - headEnd - 1 < 2) return undefined;
  const indent = /^\s*/.exec(source.lines[headEnd + 1] ?? '')?.[0] ?? '';
  return { from: headEnd + 1, to: tailStart - 1, indent };
}

/** Lines of a member's doc comment a skeleton keeps: the opening and the summary (and a block's close). */
const DOC_LINES_KEPT = 2;

/**
 * The doc comment right above a member, beyond its first lines: the member's own chunk holds it
 * whole. Newtonsoft.Json's `JsonConvert` skeleton was 44 KB, 453 of its lines `///` docs, and
 * skeletons that repeat every member's docs outranked the members themselves.
 */
function docCollapseOf(member: Node, spec: SyntaxSpec, source: SourceLines): Collapse | undefined {
  let first = member.startPosition.row;
  let last = -1;
  for (let c = member.previousNamedSibling; c && spec.trivia.has(c.type) && c.type.includes('comment'); c = c.previousNamedSibling) {
    if (endLine(c) - 1 < first - 1) break; // a blank line between: not this member's doc
    if (last < 0) last = endLine(c) - 1;
    first = c.startPosition.row;
  }
  if (last < 0) return undefined;
  const closes = /\*\/\s*$/.test(source.lines[last] ?? '');
  const from = first + DOC_LINES_KEPT;
  const to = closes ? last - 1 : last;
  if (to - from + 1 < 2) return undefined;
  const indent = /^\s*/.exec(source.lines[from] ?? '')?.[0] ?? '';
  return { from, to, indent };
}

/**
 * The text of a class with the bodies of the given members collapsed to `…`, and their doc
 * comments to their first lines: fields, signatures and nested declarations stay, so the chunk
 * shows the shape of the class.
 */
export function skeletonText(
  source: SourceLines,
  start: number,
  end: number,
  members: readonly Node[],
  spec: SyntaxSpec,
): string {
  const collapses = members
    .flatMap((m) => [docCollapseOf(m, spec, source), collapseOf(m, spec, source)])
    .filter((c): c is Collapse => c !== undefined)
    .sort((a, b) => a.from - b.from);
  const out: string[] = [];
  let next = 0;
  for (let row = start - 1; row < end; row++) {
    const c = collapses[next];
    if (c && row === c.from) {
      out.push(`${c.indent}${ELLIPSIS}`);
      row = c.to;
      next++;
      continue;
    }
    while (collapses[next] && (collapses[next] as Collapse).to < row) next++;
    out.push(source.lines[row] ?? '');
  }
  return out.join('\n');
}
