/**
 * Single-file components (Vue `.vue`, Svelte `.svelte`): their `<script>` blocks are TypeScript or
 * JavaScript inside markup. The parser is given the file with everything outside the scripts
 * blanked to spaces (each line keeps its place and length), so the script's functions and classes
 * are chunked and named where they stand; the template and styles are text the chunker's safety
 * net keeps as module chunks. Chunks and search terms come from the file's own text.
 */

export interface ComponentScript {
  /** The grammar the scripts are read with: `lang="ts"` (or `tsx`) or JavaScript. */
  language: 'typescript' | 'tsx' | 'javascript';
  /** The file's text with all but the scripts' contents blanked. */
  text: string;
  /** The component's name, from the file name (`TodoList.vue` → `TodoList`, `+page.svelte` → `+page`). */
  name: string;
}

/** The languages whose files are components: what the parser reads them with. */
export const COMPONENT_LANGUAGES: ReadonlySet<string> = new Set(['vue', 'svelte']);

/** A `<script …>` block's opening tag at the start of a line, its attributes, and its content up to `</script>`. */
const SCRIPT = /^<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gim;

const blank = (s: string) => s.replace(/[^\n\r]/g, ' ');

/** The scripts of a component file, or undefined when it has none with code in it. */
export function componentScript(path: string, text: string): ComponentScript | undefined {
  let language: ComponentScript['language'] = 'javascript';
  let out = '';
  let last = 0;
  let code = false;
  for (const m of text.matchAll(SCRIPT)) {
    const attrs = m[1] ?? '';
    const body = m[2] ?? '';
    // `<script type="text/x-template">` and JSON blocks are not code.
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attrs)?.[1];
    if (type && !/(java|ecma|type)script|module/i.test(type)) continue;
    const lang = /\blang\s*=\s*["']?(\w+)/i.exec(attrs)?.[1]?.toLowerCase();
    if (lang === 'tsx') language = 'tsx';
    else if (lang === 'ts' || lang === 'typescript') language = language === 'tsx' ? 'tsx' : 'typescript';
    const bodyStart = (m.index ?? 0) + '<script'.length + attrs.length + 1;
    out += blank(text.slice(last, bodyStart)) + body;
    last = bodyStart + body.length;
    if (body.trim()) code = true;
  }
  if (!code) return undefined;
  out += blank(text.slice(last));
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  // `index.vue`, `+page.svelte`: the folder names the component.
  const folder = path.slice(0, Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'), 0));
  const parent = folder.slice(Math.max(folder.lastIndexOf('/'), folder.lastIndexOf('\\')) + 1);
  const name = /^(index|\+\w+)$/i.test(stem) && parent ? parent : stem;
  return { language, text: out, name };
}
