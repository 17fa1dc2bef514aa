/** What the parser hands the indexer. Lines are 1-based and inclusive. */
export type ChunkKind = 'function' | 'method' | 'class' | 'module' | 'window' | 'section';

export interface ParsedChunk {
  kind: ChunkKind;
  /** Qualified name: `Class.method`, `function`, a Markdown heading path; '' for windows. */
  symbol: string;
  /** Enclosing class/module/impl name, if any. */
  container?: string;
  startLine: number;
  endLine: number;
  text: string;
}

export interface ParsedSymbol {
  name: string;
  /** function | method | class | interface | type | enum | module | constant | variable | … */
  kind: string;
  container?: string;
  line: number;
  endLine: number;
}

/** A name the file uses: once per name, at its first line. */
export interface ParsedReference {
  name: string;
  line: number;
}

export interface ParsedFile {
  language: string;
  chunks: ParsedChunk[];
  symbols: ParsedSymbol[];
  references: ParsedReference[];
  /** Non-fatal problems (grammar failed → fell back to windows, ERROR nodes, …). */
  warnings: string[];
  /** The search columns, computed in the thread that parsed (see `searchTerms.ts`). */
  search?: SearchTerms;
}

/**
 * The full-text columns (`terms.ts`: identifier-split, stemmed) of a file and its chunks, and each
 * chunk's content hash.
 */
export interface SearchTerms {
  /** Terms of the whole file. */
  file: string;
  /** Terms of the path without its extension (the files row's `head`). */
  path: string;
  /** Terms of each chunk's text. */
  chunks: string[];
  /**
   * Where `chunks[i]` is `file.slice(chunkSpans[2i], chunkSpans[2i+1])` (-1 where it is not a slice):
   * a parse worker posts those offsets instead of copies (`wire.ts`).
   */
  chunkSpans?: Int32Array;
  /** Each chunk's `head`: the path's terms and its symbol's. */
  heads: string[];
  chunkHashes: string[];
}

export interface FileParser {
  /** Never throws for bad input: a grammar failure falls back to line windows with a warning. */
  parse(path: string, text: string, signal?: AbortSignal): Promise<ParsedFile>;
  /** Frees what can be freed between runs (parse workers); the next parse starts them again. */
  release?(): Promise<void>;
  dispose(): Promise<void>;
}
