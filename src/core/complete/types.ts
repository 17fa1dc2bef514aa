/** The completion layer's contract: what the editor asks for, what context it gets, what it returns. */

/** The cursor in a document, as the editor sees it. */
export interface CompletionRequest {
  /** Workspace-relative path, forward slashes. */
  path: string;
  /** Language id (`typescript`, `python`, …). */
  language: string;
  /** Text before the cursor (the whole document prefix; the prompt trims it). */
  prefix: string;
  /** Text after the cursor. */
  suffix: string;
  /** 1-based line of the cursor. */
  line: number;
  /** The host's id of the document (a URI string in VS Code); core only hands it back to the host. */
  documentId?: string;
}

/** One piece of repository context for the prompt. */
export interface ContextSnippet {
  kind: 'definition' | 'similar' | 'standards';
  /** `path:start-end` for code, `coding standards` for the rules. */
  label: string;
  /** Workspace-relative path of the code (absent for standards). */
  path?: string;
  text: string;
}

export interface ContextQuery {
  path: string;
  language: string;
  prefix: string;
  suffix: string;
  line: number;
  /** Token budget for all snippets together. */
  budgetTokens: number;
  signal?: AbortSignal;
}

/** Where repository context comes from (the index of the file's workspace folder). */
export interface CompletionContextSource {
  gather(query: ContextQuery): Promise<ContextSnippet[]>;
}

/** The template families rendered client-side, plus the two modes without tokens of their own. */
export type FimTemplateId = 'qwen' | 'deepseek' | 'starcoder2' | 'codestral';
export type CompletionMode = FimTemplateId | 'suffix' | 'chat';

export interface CompletionResult {
  text: string;
  /** True when the cache answered (no request was sent). */
  cached: boolean;
  mode: CompletionMode;
  /** Labels of the context snippets the prompt carried. */
  sources: string[];
}
