/**
 * Rule ids. An explicit tag in the heading wins: `[STD-12]` (letters, a dash, and a digit somewhere,
 * so `[kebab-case]` is not a tag) or an attribute `{#naming}`; when a heading has both, the bracket
 * tag is the id. Otherwise the id is `<document slug>#<heading path slug>`, built only from the file
 * path and heading titles — no line numbers or content hashes — so editing, adding or removing
 * other sections never changes it. A lone top-level `#` title is left out of the slug, so renaming
 * the document's title does not change every id in it.
 */
const BRACKET_TAG = /\[([A-Za-z][\w.-]{0,40})\](?!\()/;
const ATTRIBUTE_ID = /\{[^}]*?#([A-Za-z][\w.:-]{0,60})[^}]*\}/;

export interface HeadingTitle {
  /** The title with tags and attributes removed. */
  title: string;
  /** The explicit id, when the heading has one. */
  id?: string;
}

/** Splits a heading's text into its title and explicit id. */
export function parseHeadingTitle(text: string): HeadingTitle {
  let title = text;
  let id: string | undefined;
  const bracket = BRACKET_TAG.exec(title);
  if (bracket && isTag(bracket[1] ?? '')) {
    id = bracket[1];
    title = title.replace(bracket[0], ' ');
  }
  const attribute = ATTRIBUTE_ID.exec(title);
  if (attribute) {
    id ??= attribute[1];
    title = title.replace(attribute[0], ' ');
  }
  title = title.replace(/\s+/g, ' ').replace(/^[\s:—–-]+|[\s:—–-]+$/g, '');
  return id === undefined ? { title } : { title, id };
}

function isTag(candidate: string): boolean {
  return /[-_]/.test(candidate) && /[0-9]/.test(candidate);
}

/** Lower-case words joined by dashes: `Errors & Wrapping` → `errors-wrapping`. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[`*_~[\]()]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The document part of a slug id: the path without extension, with `.groundwork/` and a
 * `.instructions` suffix dropped and leading dots removed: `.groundwork/standards/naming.md` →
 * `standards/naming`, `.github/instructions/ts.instructions.md` → `github/instructions/ts`.
 */
export function documentSlug(relPath: string): string {
  const path = relPath.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\.groundwork\//, '');
  const withoutExt = path.replace(/\.[^./]+$/, '').replace(/\.instructions$/, '');
  return withoutExt
    .split('/')
    .map((segment) => slugify(segment.replace(/^\.+/, '')) || 'x')
    .join('/');
}

/** `standards/naming#errors/wrapping`, or the document slug alone for an empty heading path. */
export function slugId(docSlug: string, headingPath: string[]): string {
  const parts = headingPath.map((h) => slugify(h) || 'section');
  return parts.length === 0 ? docSlug : `${docSlug}#${parts.join('/')}`;
}

/** Makes `id` unique within `taken` by appending `-2`, `-3`…; records the result. */
export function uniqueId(id: string, taken: Set<string>): string {
  let candidate = id;
  for (let n = 2; taken.has(candidate); n += 1) candidate = `${id}-${n}`;
  taken.add(candidate);
  return candidate;
}
