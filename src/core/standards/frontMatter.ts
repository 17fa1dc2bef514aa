/**
 * The YAML subset that rules files use in their front matter, parsed without a YAML dependency:
 * `key: value` scalars (plain, 'single' or "double" quoted), booleans, flow lists `[a, "b"]`, block
 * lists (`- item` lines), folded/literal blocks (`>` / `|`) and `#` comments. Nested maps are skipped.
 * Unlike real YAML, an unquoted `*.ts` or `**\/*.tsx` is a plain string (Cursor writes globs that way).
 */
export type FrontMatterValue = string | boolean | string[];

export interface FrontMatter {
  data: Record<string, FrontMatterValue>;
  /** The document after the front matter. */
  body: string;
  /** Number of lines the front matter took (0 when there was none), to keep line numbers right. */
  lines: number;
}

const KEY_LINE = /^([A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]+(.*))?$/;

/** Splits `---`-delimited front matter off the top of `text`. No closing `---` means no front matter. */
export function splitFrontMatter(text: string): FrontMatter {
  const lines = text.split(/\r?\n/);
  if ((lines[0] ?? '').trimEnd() !== '---') return { data: {}, body: text, lines: 0 };
  let end = -1;
  for (let i = 1; i < lines.length; i += 1) {
    const line = (lines[i] ?? '').trimEnd();
    if (line === '---' || line === '...') {
      end = i;
      break;
    }
  }
  if (end < 0) return { data: {}, body: text, lines: 0 };
  return {
    data: parseFrontMatter(lines.slice(1, end)),
    body: lines.slice(end + 1).join('\n'),
    lines: end + 1,
  };
}

/** Parses the lines between the `---` delimiters. */
export function parseFrontMatter(lines: string[]): Record<string, FrontMatterValue> {
  const data: Record<string, FrontMatterValue> = {};
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const m = KEY_LINE.exec(line.trimEnd());
    i += 1;
    if (!m || /^\s/.test(line)) continue;
    const key = m[1] ?? '';
    const raw = stripComment(m[2] ?? '').trim();
    if (raw === '' || raw === '|' || raw === '>' || /^[|>][+-]?$/.test(raw)) {
      const block: string[] = [];
      while (i < lines.length && (/^\s/.test(lines[i] ?? '') || (lines[i] ?? '').trim() === '')) {
        block.push(lines[i] ?? '');
        i += 1;
      }
      data[key] = raw === '' ? blockValue(block) : blockScalar(block, raw.startsWith('|'));
      continue;
    }
    data[key] = scalarOrFlow(raw);
  }
  return data;
}

function blockValue(block: string[]): FrontMatterValue {
  const items = block.map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  if (items.length > 0 && items.every((l) => l.startsWith('-'))) {
    return items.map((l) => unquote(stripComment(l.slice(1)).trim()));
  }
  return items.join(' ');
}

function blockScalar(block: string[], literal: boolean): string {
  const texts = block.map((l) => l.trim());
  while (texts.length > 0 && texts[texts.length - 1] === '') texts.pop();
  return literal ? texts.join('\n') : texts.join(' ').replace(/\s+/g, ' ').trim();
}

function scalarOrFlow(raw: string): FrontMatterValue {
  if (raw.startsWith('[') && raw.endsWith(']')) {
    return splitFlow(raw.slice(1, -1))
      .map((s) => unquote(s.trim()))
      .filter((s) => s !== '');
  }
  const value = unquote(raw);
  if (value === raw) {
    const lower = raw.toLowerCase();
    if (lower === 'true' || lower === 'yes' || lower === 'on') return true;
    if (lower === 'false' || lower === 'no' || lower === 'off') return false;
  }
  return value;
}

/** Splits a flow list on commas that are outside quotes and braces (`{a,b}` is a glob). */
function splitFlow(inner: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote = '';
  let depth = 0;
  for (const ch of inner) {
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '{') {
      depth += 1;
    } else if (ch === '}') {
      depth = Math.max(0, depth - 1);
    } else if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts;
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(["\\/])/g, '$1').replace(/\\n/g, '\n').replace(/\\t/g, '\t');
  }
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) {
    return value.slice(1, -1).replace(/''/g, "'");
  }
  return value;
}

/** Drops a ` # comment` that is outside quotes. */
function stripComment(value: string): string {
  let quote = '';
  for (let i = 0; i < value.length; i += 1) {
    const ch = value[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '#' && (i === 0 || /\s/.test(value[i - 1] ?? ''))) {
      return value.slice(0, i);
    }
  }
  return value;
}

/** A value as a list of globs: a list as is, a string split on commas outside braces. */
export function globList(value: FrontMatterValue | undefined): string[] {
  if (value === undefined || typeof value === 'boolean') return [];
  const items = Array.isArray(value) ? value.flatMap((v) => splitFlow(v)) : splitFlow(value);
  return items.map((s) => unquote(s.trim())).filter((s) => s !== '');
}

/** A boolean from `true`/`false` or their quoted forms. */
export function flag(value: FrontMatterValue | undefined): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return undefined;
}
