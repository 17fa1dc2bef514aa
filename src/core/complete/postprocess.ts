/**
 * Turns what a model returned into ghost text worth showing: cut at stop sequences, strip chat
 * fences, keep the cursor's indentation, stay on one line when the cursor is mid-line, stop where
 * the completion closes the enclosing block (brackets or, for indentation languages, a dedent),
 * and drop what the suffix already has. Returns undefined when nothing useful is left.
 */
import { unclosedOpeners, unmatchedClosers, scanBrackets } from './brackets';
import { lineComment } from './templates';
import type { CompletionMode } from './types';

export interface PostProcessInput {
  completion: string;
  /** The document text before the cursor. */
  prefix: string;
  /** The document text after the cursor. */
  suffix: string;
  language: string;
  stop: readonly string[];
  mode: CompletionMode;
}

const INDENT_LANGUAGES = new Set(['python', 'yaml', 'coffeescript', 'nim', 'haml', 'pug']);
const SCAN_LIMIT = 100_000;

export function cutAtStops(text: string, stop: readonly string[]): string {
  let end = text.length;
  for (const s of stop) {
    if (!s) continue;
    const at = text.indexOf(s);
    if (at >= 0 && at < end) end = at;
  }
  return text.slice(0, end);
}

/** The code inside a chat reply's first fence, or the reply when it has none. */
export function stripChatFences(text: string): string {
  const fenced = /```[\w+.#-]*[^\S\n]*\n([\s\S]*?)(?:\n```|$)/.exec(text);
  return fenced ? fenced[1]! : text;
}

const indentOf = (line: string) => /^[ \t]*/.exec(line)![0];

/** The part of the cursor's line before the cursor. */
export function linePrefixOf(prefix: string): string {
  return prefix.slice(prefix.lastIndexOf('\n') + 1);
}

/** The part of the cursor's line after the cursor. */
export function lineSuffixOf(suffix: string): string {
  const nl = suffix.indexOf('\n');
  return nl < 0 ? suffix : suffix.slice(0, nl);
}

/** Multi-line completions only where the rest of the line is empty or closers (`)`, `}`, `;`…). */
export function wantsMultiline(suffix: string): boolean {
  return /^[\s)\]};,]*$/.test(lineSuffixOf(suffix));
}

export function postProcess(input: PostProcessInput): string | undefined {
  const comment = lineComment(input.language);
  const linePrefix = linePrefixOf(input.prefix);
  let text = cutAtStops(input.completion, input.stop);
  if (input.mode === 'chat') text = fromChat(stripChatFences(text), linePrefix);
  text = keepIndentation(text, linePrefix);
  if (!wantsMultiline(input.suffix)) text = text.split('\n')[0]!;
  text = stopAtBlockEnd(text, input.prefix.slice(-SCAN_LIMIT), input.suffix.slice(0, SCAN_LIMIT), comment);
  if (INDENT_LANGUAGES.has(input.language)) text = stopAtDedent(text, input.prefix);
  text = trimSuffixOverlap(text, input.suffix, comment);
  text = text.replace(/\s+$/, '');
  if (echoesLine(text, linePrefix)) return undefined;
  return text.trim().length > 0 ? text : undefined;
}

/**
 * A completion that starts by repeating the whole line typed before the cursor (`return x;` after
 * `return x;`): the model echoing the line, typically right after a suggestion was accepted.
 */
function echoesLine(text: string, linePrefix: string): boolean {
  const typed = linePrefix.trim();
  return typed.length > 0 && text.split('\n')[0]!.trim() === typed;
}

/** Chat models repeat the cursor line and answer with relative indentation: undo both. */
function fromChat(text: string, linePrefix: string): string {
  let out = text;
  const typed = linePrefix.trimStart();
  if (typed && out.trimStart().startsWith(typed)) out = out.trimStart().slice(typed.length);
  const indent = indentOf(linePrefix);
  if (indent.length === linePrefix.length && indent.length > 0) {
    const rest = out.split('\n').slice(1).filter((l) => l.trim());
    const min = rest.length ? Math.min(...rest.map((l) => indentOf(l).length)) : indent.length;
    if (min < indent.length) {
      out = out.split('\n').map((l, i) => (i > 0 && l.trim() ? indent + l : l)).join('\n');
    }
  }
  return out;
}

/** On a blank-so-far line, a completion that re-emits the indentation would double it. */
function keepIndentation(text: string, linePrefix: string): string {
  if (linePrefix.length > 0 && linePrefix.trim() === '' && text.startsWith(linePrefix)) return text.slice(linePrefix.length);
  return text;
}

/**
 * Cuts where the completion closes a bracket that the prefix opened and the suffix already closes:
 * the model is re-closing the enclosing block (or the auto-closed paren), which the document has.
 */
export function stopAtBlockEnd(text: string, prefix: string, suffix: string, comment: string): string {
  const open = unclosedOpeners(prefix, comment).length;
  let allowed = Math.max(0, open - unmatchedClosers(suffix, comment));
  let depth = 0;
  let cut = -1;
  scanBrackets(text, comment, (e) => {
    if (e.kind === 'open') depth++;
    else if (depth > 0) depth--;
    else if (allowed > 0) allowed--;
    else {
      cut = e.index;
      return false;
    }
    return true;
  });
  if (cut < 0) return text;
  const lineStart = text.lastIndexOf('\n', cut - 1) + 1;
  const before = text.slice(lineStart, cut);
  return before.trim() === '' && lineStart > 0 ? text.slice(0, lineStart - 1) : text.slice(0, cut);
}

/** For indentation languages: the block ends at the first line indented less than the cursor's block. */
export function stopAtDedent(text: string, prefix: string): string {
  const lines = prefix.split('\n');
  const current = lines[lines.length - 1]!;
  let base: number;
  let inclusive = false;
  if (current.trim() === '') base = current.length;
  else {
    base = indentOf(current).length;
    inclusive = /[:{([]\s*$/.test(current);
  }
  const out = text.split('\n');
  for (let i = 1; i < out.length; i++) {
    const line = out[i]!;
    if (!line.trim()) continue;
    const indent = indentOf(line).length;
    if (indent < base || (inclusive && indent <= base)) return out.slice(0, i).join('\n');
  }
  return text;
}

/** Drops the end of the completion that the suffix already has (the rest of the line, or following lines). */
export function trimSuffixOverlap(text: string, suffix: string, comment: string): string {
  let out = text.replace(/\s+$/, '');
  const following = suffix.split('\n').slice(1).map((l) => l.trim()).filter((l) => l.length > 0);
  const lines = out.split('\n');
  if (lines.length > 1 && following.length > 0) {
    for (let k = Math.min(lines.length - 1, following.length); k >= 1; k--) {
      const tail = lines.slice(lines.length - k).map((l) => l.trim());
      if (tail.join('\n') === following.slice(0, k).join('\n') && tail.join('').length >= 3) {
        out = lines.slice(0, lines.length - k).join('\n').replace(/\s+$/, '');
        break;
      }
    }
  }
  const rest = lineSuffixOf(suffix).trim();
  if (rest && out.endsWith(rest)) {
    const cut = out.slice(0, out.length - rest.length);
    if (unclosedOpeners(cut, comment).length === unclosedOpeners(out, comment).length) out = cut;
  }
  return out;
}
