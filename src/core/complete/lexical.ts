/**
 * Where the cursor is, lexically: code, a comment or a string. A small scanner over the end of the
 * prefix (from a line start) per language family; it runs on every keystroke, so no parser.
 */
export type CursorPlace = 'code' | 'comment' | 'string';

const HASH = new Set(['python', 'ruby', 'bash', 'shellscript', 'perl', 'r', 'yaml', 'toml', 'makefile', 'dockerfile', 'elixir', 'julia', 'powershell']);
const TRIPLE = new Set(['python', 'kotlin', 'scala', 'swift', 'julia']);
const BACKTICK_MULTILINE = new Set(['javascript', 'typescript', 'tsx', 'javascriptreact', 'typescriptreact', 'go']);
const NO_SINGLE_QUOTE_STRINGS = new Set(['rust', 'lisp', 'clojure', 'scheme']);
const WINDOW = 20_000;

export function cursorPlace(prefix: string, language: string): CursorPlace {
  const start = prefix.length > WINDOW ? prefix.indexOf('\n', prefix.length - WINDOW) + 1 : 0;
  return scan(prefix, language, start).place;
}

/**
 * The code of the last `chars` characters of `text` (a document's prefix up to the cursor), with
 * the text of comments and strings blanked (line breaks kept): their words are prose, not names the
 * code uses ("Checks the pre-condition that @string…" named a test file's `that()`).
 */
export function codeNearEnd(text: string, language: string, chars: number): string {
  const start = text.length > WINDOW ? text.indexOf('\n', text.length - WINDOW) + 1 : 0;
  const { prose } = scan(text, language, start);
  const from = Math.max(start, text.length - chars);
  let out = '';
  let at = from;
  for (const [a, b] of prose) {
    if (b <= from) continue;
    const s = Math.max(a, from);
    out += text.slice(at, s) + text.slice(s, b).replace(/[^\n]/g, ' ');
    at = b;
  }
  return out + text.slice(at);
}

/** Scans `text` from `start` (a line start, in code): where it ends, and the ranges of comments and strings. */
function scan(text: string, language: string, start: number): { place: CursorPlace; prose: Array<[number, number]> } {
  const hash = HASH.has(language);
  const triple = TRIPLE.has(language);
  const singleQuotes = !NO_SINGLE_QUOTE_STRINGS.has(language);
  const backtickMulti = BACKTICK_MULTILINE.has(language);
  const prose: Array<[number, number]> = [];
  let state: 'code' | 'line' | 'block' | 'string' = 'code';
  let quote = '';
  let opened = 0;
  const close = (end: number) => {
    prose.push([opened, end]);
    state = 'code';
  };
  for (let i = start; i < text.length; i++) {
    const ch = text[i]!;
    switch (state) {
      case 'line':
        if (ch === '\n') close(i);
        break;
      case 'block':
        if (ch === '*' && text[i + 1] === '/') {
          i++;
          close(i + 1);
        }
        break;
      case 'string':
        if (ch === '\\') i++;
        else if (quote.length === 3 ? text.startsWith(quote, i) : ch === quote) {
          i += quote.length - 1;
          close(i + 1);
        } else if (ch === '\n' && quote.length === 1 && !(quote === '`' && backtickMulti)) close(i);
        break;
      case 'code':
        opened = i;
        if (hash ? ch === '#' : ch === '/' && text[i + 1] === '/') state = 'line';
        else if (!hash && ch === '/' && text[i + 1] === '*') {
          state = 'block';
          i++;
        } else if (triple && (text.startsWith('"""', i) || text.startsWith("'''", i))) {
          quote = text.slice(i, i + 3);
          state = 'string';
          i += 2;
        } else if (ch === '"' || ch === '`' || (ch === "'" && singleQuotes)) {
          quote = ch;
          state = 'string';
        }
        break;
    }
  }
  if (state !== 'code') prose.push([opened, text.length]);
  if (state === 'line' || state === 'block') return { place: 'comment', prose };
  return { place: state === 'string' ? 'string' : 'code', prose };
}
