/** One coding-standard rule: a heading of a standards document and the text under it. */
export interface Standard {
  /** Stable id: an explicit tag (`STD-12`, `naming`) or `<file slug>#<heading path slug>`. */
  id: string;
  /** Workspace-relative path of the document (forward slashes). */
  source: string;
  /** Titles from the document's top heading down to this rule's heading ([] for text before any heading). */
  headingPath: string[];
  /** This rule's own title (explicit tags removed), or the document's description / name. */
  title: string;
  /** The rule's Markdown text, its heading line included. */
  text: string;
  /** Globs relative to the workspace root; empty = all files (see scope.ts for how they match). */
  scope: string[];
  /** Included in every prompt whose file it applies to, whatever the relevance. */
  alwaysApply: boolean;
  /** 1-based line of the heading (or of the first text line) in the document. */
  line: number;
  /** The document's front-matter `description`, when it has one. */
  description?: string;
}
