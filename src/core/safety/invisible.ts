/**
 * Invisible-Unicode stripping. Rules files and retrieved code are a known prompt-injection
 * vector: text the user cannot see in an editor (tag characters, bidi overrides, zero-width
 * characters) is still read by the model. Safety wins over typography:
 *
 * - Tag characters (U+E0000–E007F) are removed — this also turns subdivision flags such as
 *   🏴 England into a plain black flag.
 * - Bidi controls (U+202A–202E, U+2066–2069, U+200E/F, U+061C) are removed ("Trojan Source").
 * - Zero-width characters (U+200B–200D, U+2060, U+FEFF) are removed, ZWJ included: an emoji
 *   ZWJ sequence (👨‍👩‍👧) degrades to its component emoji, which keeps its meaning. A leading
 *   byte-order mark is dropped silently (it is not counted or reported).
 * - Other invisible format characters (the rest of Unicode category Cf, e.g. soft hyphen,
 *   invisible operators, interlinear annotation, shorthand format controls) and default-ignorable
 *   fillers (U+034F, U+115F, U+1160, U+17B4/5, U+180B–180F, U+3164, U+FFA0) are removed. The
 *   visible "prepended concatenation marks" of Arabic/Syriac/Kaithi (U+0600–0605, U+06DD, U+070F,
 *   U+0890/1, U+08E2, U+110BD, U+110CD) are kept.
 * - Variation selectors: a single U+FE0E/U+FE0F directly after a visible character (emoji vs
 *   text presentation, keycaps such as 1️⃣) is kept; every other variation selector — U+FE00–FE0D,
 *   the supplement U+E0100–E01EF, and runs of more than one — is removed, since runs of
 *   selectors can smuggle arbitrary bytes ("emoji smuggling").
 */
export interface StripResult {
  text: string;
  /** Number of code points removed (a leading BOM is not counted). */
  removed: number;
  /** Kinds found, in order of first appearance: 'tag', 'bidi', 'zero-width', 'variation-selector', 'format'. */
  kinds: string[];
}

export type InvisibleKind = 'tag' | 'bidi' | 'zero-width' | 'variation-selector' | 'format';

// One linear pass over single code points (no nesting): every format character (Cf, which covers
// tags, bidi controls and zero-width characters), variation selectors and invisible fillers.
const CANDIDATE =
  /[\p{Cf}\u{E0000}-\u{E007F}\uFE00-\uFE0F\u{E0100}-\u{E01EF}\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u3164\uFFA0]/gu;

const ANY_FORMAT = /\p{Cf}/u;
const KEPT_FORMAT = /[\u0600-\u0605\u06DD\u070F\u0890\u0891\u08E2\u{110BD}\u{110CD}]/u;

/** Kind of an invisible code point, or undefined when it is ordinary text. */
export function invisibleKind(cp: number): InvisibleKind | undefined {
  if (cp >= 0xe0000 && cp <= 0xe007f) return 'tag';
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) return 'bidi';
  if (cp === 0x200e || cp === 0x200f || cp === 0x061c) return 'bidi';
  if ((cp >= 0x200b && cp <= 0x200d) || cp === 0x2060 || cp === 0xfeff) return 'zero-width';
  if ((cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef)) return 'variation-selector';
  const ch = String.fromCodePoint(cp);
  if (ANY_FORMAT.test(ch)) return KEPT_FORMAT.test(ch) ? undefined : 'format';
  if (
    cp === 0x034f ||
    cp === 0x115f ||
    cp === 0x1160 ||
    cp === 0x17b4 ||
    cp === 0x17b5 ||
    (cp >= 0x180b && cp <= 0x180f) ||
    cp === 0x3164 ||
    cp === 0xffa0
  ) {
    return 'format';
  }
  return undefined;
}

/** The code point that ends just before `index` in `text`, if any. */
function codePointBefore(text: string, index: number): number | undefined {
  if (index <= 0) return undefined;
  const low = text.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(index - 2);
  }
  return low;
}

function keepsSelector(text: string, cp: number, offset: number): boolean {
  if (cp !== 0xfe0e && cp !== 0xfe0f) return false;
  const prev = codePointBefore(text, offset);
  if (prev === undefined) return false;
  if (prev === 0x0a || prev === 0x0d || prev === 0x20 || prev === 0x09) return false;
  return invisibleKind(prev) === undefined;
}

/** Removes invisible characters that can carry hidden instructions. See the module comment for the rules. */
export function stripInvisible(text: string): StripResult {
  let input = text;
  if (input.charCodeAt(0) === 0xfeff) input = input.slice(1);
  const kinds: string[] = [];
  let removed = 0;
  const out = input.replace(CANDIDATE, (match: string, offset: number) => {
    const cp = match.codePointAt(0) ?? 0;
    const kind = invisibleKind(cp);
    if (kind === undefined) return match;
    if (kind === 'variation-selector' && keepsSelector(input, cp, offset)) return match;
    removed += 1;
    if (!kinds.includes(kind)) kinds.push(kind);
    return '';
  });
  return { text: out, removed, kinds };
}

/** A one-line description for a log warning, e.g. "3 invisible characters (bidi, tag)". */
export function describeStripped(result: Pick<StripResult, 'removed' | 'kinds'>): string {
  const noun = result.removed === 1 ? 'character' : 'characters';
  return `${result.removed} invisible ${noun} (${result.kinds.join(', ')})`;
}
