/**
 * Table schemas of the index. Column names are snake_case so LanceDB's SQL filters need no quoting.
 * Bump SCHEMA_VERSION when a table's columns change, CHUNKER_VERSION when chunking changes:
 * either one triggers a rebuild on the next open.
 */
import type { Schema } from 'apache-arrow';

export const SCHEMA_VERSION = 6;
export const CHUNKER_VERSION = 7;

export type ArrowModule = typeof import('apache-arrow');

/**
 * The Arrow schemas of the tables. Built from the Arrow module passed in, which is loaded lazily
 * with LanceDB (importing apache-arrow costs ~200 ms: not during activation).
 */
export function tableSchemas(arrow: ArrowModule): Record<TableName, Schema> {
  const { Bool, Field, Float64, Int32, Schema: ArrowSchema, Utf8 } = arrow;
  const utf8 = (name: string) => new Field(name, new Utf8(), false);
  const int = (name: string) => new Field(name, new Int32(), false);
  const float = (name: string) => new Field(name, new Float64(), false);
  return {
    chunks: new ArrowSchema([
      utf8('id'), utf8('path'), utf8('language'), utf8('kind'), utf8('symbol'), utf8('container'),
      int('start_line'), int('end_line'), utf8('text'),
      /** identifier-split text: full-text index */
      utf8('terms'),
      /** identifier-split path + symbol: full-text index, weighted higher than body terms */
      utf8('head'),
      utf8('file_hash'), utf8('chunk_hash'),
    ]),
    symbols: new ArrowSchema([
      utf8('name'), utf8('kind'), utf8('path'), int('line'), int('end_line'), utf8('container'),
      new Field('is_def', new Bool(), false),
    ]),
    files: new ArrowSchema([
      utf8('path'), utf8('hash'), float('mtime_ms'), float('size'), utf8('language'), int('chunks'),
      /** identifier-split text of the whole file: full-text index (file-level BM25) */
      utf8('terms'),
      /** identifier-split path: full-text index, weighted higher */
      utf8('head'),
    ]),
    standards: new ArrowSchema([
      utf8('id'), utf8('source'), utf8('title'), utf8('heading_path'), utf8('scope'), utf8('description'),
      new Field('always_apply', new Bool(), false), int('line'), utf8('text'), utf8('terms'),
    ]),
  };
}

export interface ChunkRow {
  id: string;
  path: string;
  language: string;
  kind: string;
  symbol: string;
  container: string;
  start_line: number;
  end_line: number;
  text: string;
  terms: string;
  head: string;
  file_hash: string;
  chunk_hash: string;
}

export interface SymbolRow {
  name: string;
  kind: string;
  path: string;
  line: number;
  end_line: number;
  container: string;
  is_def: boolean;
}

export interface FileRow {
  path: string;
  hash: string;
  mtime_ms: number;
  size: number;
  language: string;
  chunks: number;
  /** Whole-file identifier-split text; written with the row, not read back by `fileStates()`. */
  terms?: string;
  /** Identifier-split path; as `terms`. */
  head?: string;
}

export interface StandardRow {
  id: string;
  source: string;
  title: string;
  /** JSON array of headings */
  heading_path: string;
  /** JSON array of globs */
  scope: string;
  description: string;
  always_apply: boolean;
  line: number;
  text: string;
  terms: string;
}

export const TABLE_NAMES = ['chunks', 'symbols', 'files', 'standards'] as const;
export type TableName = (typeof TABLE_NAMES)[number];

/** SQL string literal for LanceDB filters. */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function sqlIn(column: string, values: readonly string[]): string {
  return `${column} IN (${values.map(sqlString).join(', ')})`;
}
