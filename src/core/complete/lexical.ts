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
  const hash = HASH.has(language);
  const triple = TRIPLE.has(language);
  const singleQuotes = !NO_SINGLE_QUOTE_STRINGS.has(language);
  const backtickMulti = BACKTICK_MULTILINE.has(language);
  let state: 'code' | 'line' | 'block' | 'string' = 'code';
  let quote = '';
  for (let i = start; i < prefix.length; i++) {
    const ch = prefix[i]!;
    switch (state) {
      case 'line':
        if (ch === '\n') state = 'code';
        break;
      case 'block':
        if (ch === '*' && prefix[i + 1] === '/') {
          state = 'code';
          i++;
        }
        break;
      case 'string':
        if (ch === '\\') i++;
        else if (quote.length === 3 ? prefix.startsWith(quote, i) : ch === quote) {
          i += quote.length - 1;
          state = 'code';
        } else if (ch === '\n' && quote.length === 1 && !(quote === '`' && backtickMulti)) state = 'code';
        break;
      case 'code':
        if (hash ? ch === '#' : ch === '/' && prefix[i + 1] === '/') state = 'line';
        else if (!hash && ch === '/' && prefix[i + 1] === '*') {
          state = 'block';
          i++;
        } else if (triple && (prefix.startsWith('"""', i) || prefix.startsWith("'''", i))) {
          quote = prefix.slice(i, i + 3);
          state = 'string';
          i += 2;
        } else if (ch === '"' || ch === '`' || (ch === "'" && singleQuotes)) {
          quote = ch;
          state = 'string';
        }
        break;
    }
  }
  if (state === 'line' || state === 'block') return 'comment';
  return state === 'string' ? 'string' : 'code';
}
