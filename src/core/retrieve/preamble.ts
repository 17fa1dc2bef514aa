/**
 * A file's preamble: the lines that only declare where the file sits and what it uses (`<?php`,
 * `namespace`, `package`, imports, `using`, `use`, `require`, `#include`), which the chunker keeps
 * as a `module` chunk of their own.
 */
import { isCommentLine } from '../parse/lines';
import { contentTerms } from './coverage';

/**
 * A line of a preamble, or the continuation of a multi-line import (`  join,`, `} from 'node:path';`,
 * Go's `"fmt"` and `)`).
 */
const DECLARATION =
  /^\s*(<\?php\b|\?>|namespace\b|package\b|import\b|(global\s+)?using\b|use\b|require(_once|_relative)?\b|include(_once)?\b|from\s+[\w.]+\s+import\b|declare\s*\(|#\s*include\b|#\s*pragma\s+once\b|extern\s+crate\b|(pub(\([\w\s]+\))?\s+)?mod\s+\w+\s*;|['"]use strict['"]|[\w$\s,*:{}.]*(\bas\s+\w+\s*)?[,}]\s*(from\s+['"][^'"]*['"])?\s*;?\s*$|(\w+\s+)?"[^"]*"\s*$|\)\s*;?\s*$)/;

/**
 * Whether every line of `text` that is not blank or a comment is a declaration (DECLARATION), and
 * it has a line that is not blank (comments alone count: C++'s `}  // namespace sinks`).
 */
export function isPreamble(text: string): boolean {
  let lines = 0;
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    lines++;
    const line = raw.replace(/\s\/\/.*$/, ''); // a comment after the code
    if (!DECLARATION.test(line) && !isCommentLine(line)) return false;
  }
  return lines > 0;
}

export interface PreambleCandidate {
  kind: string;
  path: string;
  text: string;
}

/**
 * Whether a chunk is a preamble that shares no word with the query beyond its own file's path: it
 * ranked by its path alone (its text is short, and PHP, C# and Java namespaces repeat the path),
 * and it shows a reader nothing. Slim's `namespace Slim\Error\Renderers;` was the fifth result for
 * "render an error page for 404", MediatR's four `using System…;` lines for "publish notification
 * to all handlers". A preamble that imports what the query names (`lodash`) is kept.
 */
export function pathOnlyPreamble(chunk: PreambleCandidate, queryWords: readonly string[]): boolean {
  if (chunk.kind !== 'module' || !isPreamble(chunk.text)) return false;
  const own = new Set(contentTerms(chunk.text));
  const path = new Set(contentTerms(chunk.path));
  return !queryWords.some((w) => own.has(w) && !path.has(w));
}
