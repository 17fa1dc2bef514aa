/**
 * A review comment as the markdown body of its Comments API thread: severity and category, the
 * message, the cited standard (id + title linked to its source document), the suggestion as a code
 * block, and the sources the comment relies on as links. Pure: links come from `link`.
 */
import type { PromptSource } from '../../core/prompt/builder';
import type { ReviewComment } from '../../core/review/schema';
import { longestBacktickRun } from '../../core/safety';

/** Builds a link target for a workspace-relative path (and a 1-based line). */
export type LinkFor = (relPath: string, line?: number) => string;

const ICONS = { error: '$(error)', warning: '$(warning)', info: '$(info)' } as const;

/** Escapes text shown literally (ids, titles, paths) in markdown. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~]/g, (c) => `\\${c}`);
}

/** A fenced code block whose fence is longer than any backtick run in the code. */
export function codeBlock(code: string, language: string): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(code) + 1));
  return `${fence}${language.replace(/[^\w+-]/g, '')}\n${code}\n${fence}`;
}

/** `path:start-end` → its parts, or undefined for labels that are not code ranges. */
export function parseSourceLabel(label: string): { path: string; startLine: number; endLine: number } | undefined {
  const m = /^(.+):(\d+)-(\d+)$/.exec(label);
  return m ? { path: m[1]!, startLine: Number(m[2]), endLine: Number(m[3]) } : undefined;
}

export function renderCommentMarkdown(
  comment: ReviewComment,
  context: { sources: readonly PromptSource[]; language: string; model: string; link: LinkFor },
): string {
  const { sources, link } = context;
  const parts: string[] = [];
  parts.push(`${ICONS[comment.severity]} **${comment.severity}** · ${comment.category}`);
  parts.push(comment.message);
  if (comment.standardId) {
    const standard = sources.find((s) => s.kind === 'standard' && s.label === comment.standardId);
    const name = escapeMarkdown(comment.standardId) + (standard?.title ? ` — ${escapeMarkdown(standard.title)}` : '');
    parts.push(standard?.source ? `Standard: [${name}](${link(standard.source)})` : `Standard: ${name}`);
  }
  if (comment.suggestion !== undefined) {
    parts.push(`Suggestion:\n\n${codeBlock(comment.suggestion, context.language)}`);
  }
  const cited = (comment.sources ?? []).filter((label) => label !== comment.standardId);
  if (cited.length > 0) {
    const links = cited.map((label) => {
      const code = parseSourceLabel(label);
      if (code) return `[${escapeMarkdown(label)}](${link(code.path, code.startLine)})`;
      const standard = sources.find((s) => s.kind === 'standard' && s.label === label);
      return standard?.source ? `[${escapeMarkdown(label)}](${link(standard.source)})` : escapeMarkdown(label);
    });
    parts.push(`Sources: ${links.join(', ')}`);
  }
  parts.push(`*Groundwork review · ${escapeMarkdown(context.model)}*`);
  return parts.join('\n\n');
}
