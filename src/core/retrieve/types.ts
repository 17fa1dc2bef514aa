/** The retrieval contract: one function used by the CLI, review, chat and completions alike. */
import type { ChunkKind } from '../parse/types';

export interface CodeSelection {
  /** Workspace-relative path, forward slashes. */
  path: string;
  text: string;
  startLine: number;
  endLine: number;
  /** The whole file as the caller holds it (the editor's, unsaved edits included): its imports tell what a bare name can mean. */
  fileText?: string;
}

export interface RetrieveRequest {
  /** Natural-language question, issue text, commit message, or a code fragment. */
  query?: string;
  /**
   * Code the user selected: its identifiers are resolved to their definitions. The standards are
   * then ranked for code: rules about process (pull requests, commits, releases, set-up) are left
   * out, and a general document (CONTRIBUTING.md, AGENTS.md) gives at most its two most relevant sections.
   */
  selection?: CodeSelection;
  /** The file in focus (workspace-relative): scopes the standards; its own chunks are not "similar code". */
  path?: string;
  /** How many chunks at most (before budget packing). Default 20. */
  k?: number;
  /** Token budget for packed chunks + standards. Default from config. */
  budgetTokens?: number;
  /** Also return coding standards that apply. Default true. */
  includeStandards?: boolean;
  /**
   * Standards: every rule that applies to the file when they are few enough for the prompt (8 at
   * most), relevant ones first; otherwise only relevant ones, as by default. A review checks code
   * against the team's rules, and a rule can apply without sharing a word with the code ("Use
   * const, never var": those words match every file, so matching leaves them out). The rules
   * documents are then left out of the code context: the rules that apply come as standards, and
   * one scoped to other files (a Python rule in a TypeScript review) must not come in as code.
   */
  allApplicableStandards?: boolean;
  signal?: AbortSignal;
}

export interface RetrievedChunk {
  id: string;
  path: string;
  language: string;
  kind: ChunkKind;
  symbol: string;
  startLine: number;
  endLine: number;
  text: string;
  score: number;
  /** Why it was retrieved: 'lexical', 'vector', 'definition:foo', 'path', … */
  reasons: string[];
}

export interface RetrievedStandard {
  id: string;
  title: string;
  source: string;
  /** The line of its heading in `source` (1-based), when known. */
  line?: number;
  text: string;
  alwaysApply: boolean;
  score: number;
}

export interface RetrievalResult {
  chunks: RetrievedChunk[];
  standards: RetrievedStandard[];
  /** File-level ranking, best first (paths). */
  files: Array<{ path: string; score: number }>;
  /** Function-level ranking, best first (`path::Qual.name`). */
  functions: Array<{ id: string; score: number }>;
  /** True when nothing cleared the relevance floor: the prompt must say so. */
  thin: boolean;
  /**
   * For a selection: names it defines that more files reference than callers are listed for, with
   * the number of files (only names defined once in the workspace).
   */
  widelyUsed?: Array<{ name: string; files: number }>;
}

export interface Retriever {
  retrieve(request: RetrieveRequest): Promise<RetrievalResult>;
}
