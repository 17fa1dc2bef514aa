/** Human-readable review output for the CLI (`groundwork review FILE` without --json). */
import type { ReviewResult } from './review';

const MARK = { error: '✖', warning: '▲', info: '•' } as const;

export function formatReviewText(result: ReviewResult): string {
  const { path, range } = result;
  const out: string[] = [];
  out.push(`${path}:${range.startLine}-${range.endLine} — reviewed by ${result.model}${result.routedBy ? ` (route ${result.routedBy})` : ''}`);
  if (result.summary) out.push('', result.summary);
  if (result.comments.length === 0) {
    out.push('', 'No comments.');
    return out.join('\n') + '\n';
  }
  for (const c of result.comments) {
    const where = c.endLine !== undefined && c.endLine !== c.line ? `${c.line}-${c.endLine}` : `${c.line}`;
    const standard = c.standardId ? ` [${c.standardId}]` : '';
    out.push('', `${MARK[c.severity]} ${path}:${where} ${c.severity} (${c.category})${standard}`);
    for (const line of c.message.split('\n')) out.push(`    ${line}`);
    if (c.suggestion !== undefined) {
      out.push('    suggestion:');
      for (const line of c.suggestion.split('\n')) out.push(`      ${line}`);
    }
    if (c.sources && c.sources.length > 0) out.push(`    sources: ${c.sources.join(', ')}`);
  }
  const counts = (['error', 'warning', 'info'] as const)
    .map((s) => [s, result.comments.filter((c) => c.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}${n === 1 ? '' : 's'}`);
  out.push('', `${result.comments.length} comment${result.comments.length === 1 ? '' : 's'}: ${counts.join(', ')}`);
  return out.join('\n') + '\n';
}
