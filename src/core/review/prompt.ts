/** The review request → one prompt through the shared builder (selection shown with line numbers). */
import type { Config } from '../config';
import { buildPrompt, type BuiltPrompt } from '../prompt/builder';
import { languageForPath, PLAIN_TEXT } from '../parse/languages';
import { estimateTokens } from '../prompt/sanitize';
import type { RetrievalResult } from '../retrieve/types';
import { REVIEW_FORMAT_INSTRUCTIONS } from './schema';

export interface ReviewTarget {
  path: string;
  language: string;
  startLine: number;
  endLine: number;
  /** The file's lines (whole file), so line numbers are the file's. */
  lines: readonly string[];
}

/** `  12 | code` for each line of the range; the gutter width fits the largest number. */
export function numberLines(lines: readonly string[], startLine: number, endLine: number): string {
  const width = String(endLine).length;
  const out: string[] = [];
  for (let n = startLine; n <= endLine; n++) out.push(`${String(n).padStart(width)} | ${lines[n - 1] ?? ''}`);
  return out.join('\n');
}

export function reviewInstruction(target: Pick<ReviewTarget, 'path' | 'language' | 'startLine' | 'endLine'>): string {
  return (
    `Review lines ${target.startLine}-${target.endLine} of ${target.path} (${target.language}). ` +
    'The reviewed code is shown above with its line numbers ("N | code"); use those numbers in "line" and "endLine", ' +
    'comment only on lines in that range, and never copy the "N | " gutter into a suggestion.'
  );
}

/** How far a change reaches, for names the reviewed lines define that many files use. */
export function fanIn(widelyUsed: RetrievalResult['widelyUsed']): string {
  if (!widelyUsed?.length) return '';
  const names = widelyUsed.map((w) => `\`${w.name}\` (referenced in ${w.files} files)`).join(', ');
  return ` Widely used, defined in the reviewed lines: ${names}; a change to its behaviour or signature reaches all of them.`;
}

/** Languages that share conventions closely enough for one's code to stand as an example for the other's. */
const LANGUAGE_FAMILY: Readonly<Record<string, string>> = { typescript: 'js', tsx: 'js', javascript: 'js', c: 'c', cpp: 'c' };

/** Whether `chunkLanguage` is code in another language family than `reviewed` (unknown: no). */
function otherCodeLanguage(chunkLanguage: string, reviewed: string | undefined): boolean {
  if (!reviewed || chunkLanguage === 'markdown' || chunkLanguage === PLAIN_TEXT) return false;
  return (LANGUAGE_FAMILY[chunkLanguage] ?? chunkLanguage) !== (LANGUAGE_FAMILY[reviewed] ?? reviewed);
}

export function buildReviewPrompt(target: ReviewTarget, retrieval: RetrievalResult, config: Config): BuiltPrompt {
  const numbered = numberLines(target.lines, target.startLine, target.endLine);
  const language = languageForPath(target.path);
  const chunks = retrieval.chunks.filter((c) => {
    // A chunk inside the reviewed lines repeats them; an enclosing one (wider) is useful context.
    const insideSelection = c.path === target.path && c.startLine >= target.startLine && c.endLine <= target.endLine;
    if (insideSelection) return false;
    if (c.reasons.some((r) => r.startsWith('definition') || r.startsWith('enclosing') || r.startsWith('caller'))) return true;
    // Similar code: only in the reviewed code's language (a Python report function shares words with
    // a TypeScript checkout, not its conventions); prose (Markdown, text) stays.
    return config.review.includeSimilarCode && !otherCodeLanguage(c.language, language);
  });
  return buildPrompt({
    task: 'review',
    content: reviewInstruction(target) + fanIn(retrieval.widelyUsed),
    subject: { label: `reviewed code ${target.path}:${target.startLine}-${target.endLine}`, text: numbered },
    instructions: REVIEW_FORMAT_INSTRUCTIONS,
    chunks,
    standards: retrieval.standards,
    thin: retrieval.thin,
    // The context budget from settings, on top of the reviewed code and the fixed instructions.
    budgetTokens: config.retrieval.maxContextTokens + estimateTokens(numbered) + 1200,
  });
}
