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

/**
 * The text of a class with the bodies of the given members collapsed to `…`:
 * fields, signatures and nested declarations stay, so the chunk shows the shape of the class.
 */
export function skeletonText(
  source: SourceLines,
  start: number,
  end: number,
  members: readonly Node[],
  spec: SyntaxSpec,
): string {
  const collapses = members
    .map((m) => collapseOf(m, spec, source))
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
