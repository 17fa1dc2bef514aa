/**
 * Splitting a standards document into rules.
 *
 * - Front matter (see frontMatter.ts): `applyTo` (Copilot) and `globs` (Continue, Cursor) give the
 *   scope, `alwaysApply` the flag, `description` the description. `.github/copilot-instructions.md`
 *   is always-apply unless its front matter says otherwise.
 * - A heading with an explicit id (`[STD-12]`, `{#naming}`) is one rule spanning its whole section:
 *   its body and its sub-headings, up to the next heading of the same or a higher level.
 * - Any other heading is a rule made of its heading and its own body, up to the next heading. Its
 *   sub-sections stay separate rules (their heading path keeps the parent's title), except those
 *   titled like an illustration of the parent — Example(s), Good, Bad, Do, Don't, Rationale, Why,
 *   Exceptions, Notes… — which are kept inside the parent rule. A heading with no body of its own (a
 *   category over sub-rules) is not a rule by itself.
 * - Text before the first heading, or a document without headings, is one rule named after the
 *   document (its description, or its file name).
 * - Invisible Unicode is stripped first and reported through the logger.
 */
import type { Logger } from '../log';
import { describeStripped, stripInvisible } from '../safety/invisible';
import { documentSlug, parseHeadingTitle, slugId, uniqueId } from './ids';
import { findHeadings, type Heading } from './markdown';
import { flag, globList, splitFrontMatter } from './frontMatter';
import type { Standard } from './types';

export type { Standard } from './types';

const ATTACHED_TITLES = new Set([
  'example', 'examples', 'good', 'bad', 'good example', 'good examples', 'bad example', 'bad examples',
  'do', 'dont', 'don t', 'do not', 'do this', 'don t do this', 'avoid', 'prefer', 'instead', 'correct',
  'incorrect', 'right', 'wrong', 'before', 'after', 'rationale', 'why', 'reason', 'reasons',
  'exception', 'exceptions', 'note', 'notes', 'see also', 'references', 'usage', 'details',
]);

interface TitledHeading extends Heading {
  title: string;
  id?: string;
}

interface DocumentInfo {
  source: string;
  slug: string;
  scope: string[];
  alwaysApply: boolean;
  description?: string;
  /** Lines taken by the front matter, added to every line number. */
  offset: number;
}

/** Splits a Markdown standards document (`.md`, `.mdc`) into rules. */
export function parseStandardsDocument(relPath: string, text: string, logger?: Logger): Standard[] {
  const source = relPath.replace(/\\/g, '/');
  const stripped = stripInvisible(text);
  if (stripped.removed > 0) {
    logger?.warn(`Removed ${describeStripped(stripped)} from standards file ${source}: hidden text in a rules file can carry instructions.`);
  }
  const { data, body, lines: offset } = splitFrontMatter(stripped.text.replace(/\r\n?/g, '\n'));
  const description = typeof data.description === 'string' && data.description.trim() !== '' ? data.description.trim() : undefined;
  const doc: DocumentInfo = {
    source,
    slug: documentSlug(source),
    scope: [...globList(data.applyTo), ...globList(data.globs)],
    alwaysApply: flag(data.alwaysApply) ?? isRepositoryInstructions(source),
    offset,
    ...(description === undefined ? {} : { description }),
  };
  const lines = body.split('\n');
  const headings: TitledHeading[] = findHeadings(lines).map((h) => ({ ...h, ...parseHeadingTitle(h.text) }));
  const taken = new Set<string>();
  const rules: Standard[] = [];
  const firstIndex = headings[0]?.index ?? lines.length;
  const preamble = trimBlock(lines.slice(0, firstIndex));
  if (preamble.text !== '') {
    const title = description ?? fileTitle(source);
    rules.push(makeRule(doc, uniqueId(doc.slug, taken), [], title, preamble.text, preamble.first + 1));
  }
  rules.push(...headingRules(doc, lines, headings, taken, logger));
  return rules;
}

function headingRules(
  doc: DocumentInfo,
  lines: string[],
  headings: TitledHeading[],
  taken: Set<string>,
  logger: Logger | undefined,
): Standard[] {
  const rules: Standard[] = [];
  const topLevel = headings.filter((h) => h.level === 1);
  const docTitle = headings[0]?.level === 1 && topLevel.length === 1 ? headings[0] : undefined;
  const stack: TitledHeading[] = [];
  let skipBefore = 0; // headings with a smaller position were folded into an earlier rule
  for (let k = 0; k < headings.length; k += 1) {
    const h = headings[k] as TitledHeading;
    while (stack.length > 0 && (stack[stack.length - 1]?.level ?? 0) >= h.level) stack.pop();
    stack.push(h);
    if (k < skipBefore) continue;
    let endHeading = k + 1;
    if (h.id !== undefined) {
      endHeading = sectionEnd(headings, k);
    } else {
      while (endHeading < headings.length && isAttached(headings[endHeading] as TitledHeading, h)) {
        endHeading = sectionEnd(headings, endHeading);
      }
    }
    skipBefore = endHeading;
    const endLine = headings[endHeading]?.index ?? lines.length;
    const ownBody = trimBlock(lines.slice(h.index + h.span, endLine)).text;
    if (ownBody === '' && h.id === undefined) continue;
    const headingPath = stack.map((s) => s.title);
    const slugPath = stack.filter((s) => s !== docTitle).map((s) => s.title);
    let id = h.id ?? slugId(doc.slug, slugPath);
    if (h.id !== undefined && taken.has(h.id)) {
      logger?.warn(`Standard id ${h.id} appears twice in ${doc.source}; the second one is renamed.`);
    }
    id = uniqueId(id, taken);
    const text = trimBlock(lines.slice(h.index, endLine)).text;
    rules.push(makeRule(doc, id, headingPath, h.title || doc.description || fileTitle(doc.source), text, h.index + 1));
  }
  return rules;
}

/** Index of the first heading after `k` whose level is the same or higher (a smaller number). */
function sectionEnd(headings: TitledHeading[], k: number): number {
  const level = headings[k]?.level ?? 1;
  let end = k + 1;
  while (end < headings.length && (headings[end]?.level ?? 0) > level) end += 1;
  return end;
}

function isAttached(child: TitledHeading, parent: TitledHeading): boolean {
  if (child.level <= parent.level || child.id !== undefined) return false;
  const key = child.title
    .toLowerCase()
    .replace(/[^a-z ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return ATTACHED_TITLES.has(key);
}

function makeRule(doc: DocumentInfo, id: string, headingPath: string[], title: string, text: string, line: number): Standard {
  return {
    id,
    source: doc.source,
    headingPath,
    title,
    text,
    scope: [...doc.scope],
    alwaysApply: doc.alwaysApply,
    line: line + doc.offset,
    ...(doc.description === undefined ? {} : { description: doc.description }),
  };
}

/** The lines without leading/trailing blank lines, and the index of the first kept line. */
function trimBlock(block: string[]): { text: string; first: number } {
  let start = 0;
  let end = block.length;
  while (start < end && (block[start] ?? '').trim() === '') start += 1;
  while (end > start && (block[end - 1] ?? '').trim() === '') end -= 1;
  return { text: block.slice(start, end).map((l) => l.trimEnd()).join('\n'), first: start };
}

function fileTitle(source: string): string {
  const base = source.slice(source.lastIndexOf('/') + 1);
  return base.replace(/\.[^.]+$/, '').replace(/\.instructions$/, '');
}

/** `.github/copilot-instructions.md`: Copilot applies it to every request. */
function isRepositoryInstructions(source: string): boolean {
  return /(?:^|\/)\.github\/copilot-instructions\.md$/i.test(source);
}
