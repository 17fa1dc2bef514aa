/**
 * Heuristics that tell a random-looking secret from ordinary text of the same length.
 * Shannon entropy alone cannot separate a 16-character key from `user-profile-settings`,
 * so a value must also carry a digit (or mixed case) and not be made mostly of words.
 */

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  const n = [...value].length;
  for (const c of counts.values()) {
    const p = c / n;
    bits -= p * Math.log2(p);
  }
  return bits;
}

const WORD_RUN = /[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g;
const HEX_ONLY = /^[0-9a-fA-F]+$/;

/** Fraction of characters that sit in letter runs of four or more (camelCase split): words score high. */
export function wordiness(value: string): number {
  if (value.length === 0) return 0;
  let inWords = 0;
  for (const m of value.matchAll(WORD_RUN)) if (m[0].length >= 4) inWords += m[0].length;
  return inWords / value.length;
}

function digitRuns(value: string): number {
  return value.match(/[0-9]+/g)?.length ?? 0;
}

const URL_OR_PATH = /:\/\/|^\.{1,2}\/|^~\//;
const CONSTANT_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
const DOTTED_NAME = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/;

export const MIN_SECRET_LENGTH = 16;

/**
 * True when `value` looks like a generated secret rather than a word, a name or a URL:
 * - at least 16 characters, no whitespace; not a URL or path, not a CONSTANT_NAME or dotted.name;
 * - all hex (dashes ignored, so a UUID counts): at least 20 digits with entropy ≥ 2.8 bits/char;
 * - otherwise entropy ≥ 3.0 bits/char (3.4 from 24 characters on), a digit or mixed case, and either
 *   less than 60 % of it in word-like letter runs or at least three separate digit groups.
 */
export function looksLikeSecret(value: string): boolean {
  if (value.length < MIN_SECRET_LENGTH || /\s/.test(value)) return false;
  if (URL_OR_PATH.test(value) || CONSTANT_NAME.test(value) || DOTTED_NAME.test(value)) return false;
  const hex = value.replace(/-/g, '');
  if (HEX_ONLY.test(hex)) return hex.length >= 20 && shannonEntropy(hex) >= 2.8;
  const threshold = value.length < 24 ? 3.0 : 3.4;
  if (shannonEntropy(value) < threshold) return false;
  const hasDigit = /[0-9]/.test(value);
  const mixedCase = /[a-z]/.test(value) && /[A-Z]/.test(value);
  if (!hasDigit && !mixedCase) return false;
  return wordiness(value) < 0.6 || digitRuns(value) >= 3;
}
