/**
 * A rough bracket scanner for code of any C-like or Python-like language: skips single-line string
 * literals and line comments, so that `"("` or `// )` do not count. Good enough to decide where a
 * completion closes a block the prefix opened; not a parser.
 */
const OPENERS = '([{';
const CLOSERS = ')]}';

export interface BracketEvent {
  kind: 'open' | 'close';
  char: string;
  index: number;
}

/** Calls `on` for every bracket outside strings and comments; stop by returning false. */
export function scanBrackets(text: string, comment: string, on: (e: BracketEvent) => boolean | void): void {
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote || (ch === '\n' && quote !== '`')) quote = '';
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') {
      quote = ch;
      continue;
    }
    if (text.startsWith(comment, i)) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) return;
      i = nl;
      continue;
    }
    const open = OPENERS.indexOf(ch);
    if (open >= 0 && on({ kind: 'open', char: ch, index: i }) === false) return;
    const close = CLOSERS.indexOf(ch);
    if (close >= 0 && on({ kind: 'close', char: ch, index: i }) === false) return;
  }
}

/** Brackets opened in `text` and not closed in it (innermost last). */
export function unclosedOpeners(text: string, comment: string): string[] {
  const stack: string[] = [];
  scanBrackets(text, comment, (e) => {
    if (e.kind === 'open') stack.push(e.char);
    else stack.pop();
  });
  return stack;
}

/** How many closers in `text` close something opened before it. */
export function unmatchedClosers(text: string, comment: string): number {
  let depth = 0;
  let unmatched = 0;
  scanBrackets(text, comment, (e) => {
    if (e.kind === 'open') depth++;
    else if (depth > 0) depth--;
    else unmatched++;
  });
  return unmatched;
}
