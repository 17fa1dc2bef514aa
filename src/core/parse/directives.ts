/**
 * Swift's conditional compilation lines (`#if canImport(Security)`, `#elseif os(Linux)`, `#else`,
 * `#endif`) are not statements the grammar (tree-sitter-swift 0.7.1) can place between
 * declarations or inside a class body, and it knows no macros (`#Preview { … }`,
 * `file: StaticString = #filePath`): Alamofire's sources had 736 error nodes, most of them these.
 * The parser is given the text with each directive line blanked to spaces and each macro's `#`
 * written `_` (a call or a name the grammar reads), so every position stays and both branches of
 * an `#if` are read as code; chunks, names and search terms come from the file's own text.
 */
const DIRECTIVE = /^[ \t]*#(?:if|elseif|else|endif)\b[^\n]*/gm;
const MACRO = /#(?=[A-Za-z_])/g;

/** `text` with its conditional compilation lines blanked and macros made names, or `text` itself when it has none. */
export function withoutCompilerDirectives(text: string): string {
  if (!text.includes('#')) return text;
  return text.replace(DIRECTIVE, (line) => ' '.repeat(line.length)).replace(MACRO, '_');
}
