/**
 * Rows in and out of LanceDB, a column at a time. Query results become plain objects: LanceDB's
 * `toArray()` hands back Arrow row proxies that decode a field on every read (reading every field
 * of 400 search hits that way cost ~10 ms a query at 117k chunks, against ~2 ms column-wise).
 * Rows to write become Arrow columns (`arrowTable`).
 */
import type { Schema, Table as ArrowTable } from 'apache-arrow';
import type { ArrowModule } from './schema';

interface ArrowResult {
  toArrow(): Promise<ArrowTable>;
}

/** An Arrow table or record batch (a query's streamed batches are read the same way). */
type Columnar = Pick<ArrowTable, 'schema' | 'numRows' | 'getChild'>;

export function plainRows<T>(table: Columnar): T[] {
  const columns = table.schema.fields.map((f) => [f.name, table.getChild(f.name)?.toArray() ?? []] as const);
  const rows: T[] = new Array(table.numRows);
  for (let i = 0; i < table.numRows; i++) {
    const row: Record<string, unknown> = {};
    for (const [name, values] of columns) row[name] = (values as ArrayLike<unknown>)[i];
    rows[i] = row as T;
  }
  return rows;
}

/** Runs a LanceDB query and returns its rows as plain objects. */
export async function queryRows<T>(query: ArrowResult): Promise<T[]> {
  return plainRows<T>(await query.toArrow());
}

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * One string column as Arrow's offsets + UTF-8 bytes, encoded in one call (a `byteLength` and a
 * `write` per string were ~2.3 M native calls on a 78 MB cold index). A UTF-8 encoding is as long
 * as the text only when every character is ASCII, as terms, heads, paths and most code are: then
 * each string's byte length is its length. Otherwise the strings with non-ASCII characters are
 * measured one by one.
 */
export function utf8Column(strings: readonly string[]): { offsets: Int32Array; data: Buffer } {
  const n = strings.length;
  const offsets = new Int32Array(n + 1);
  const data = Buffer.from(strings.join(''), 'utf8');
  for (let i = 0; i < n; i++) offsets[i + 1] = (offsets[i] as number) + (strings[i] as string).length;
  if (data.length === offsets[n]) return { offsets, data };
  for (let i = 0; i < n; i++) {
    const s = strings[i] as string;
    offsets[i + 1] = (offsets[i] as number) + (NON_ASCII.test(s) ? Buffer.byteLength(s, 'utf8') : s.length);
  }
  if (data.length === offsets[n]) return { offsets, data };
  // A lone surrogate at a string's edge encodes differently once joined: encode one by one.
  const exact = Buffer.allocUnsafe(offsets[n] as number);
  for (let i = 0; i < n; i++) exact.write(strings[i] as string, offsets[i] as number, 'utf8');
  return { offsets, data: exact };
}

/**
 * Rows as an Arrow table of `schema`, built a column at a time: each string column is UTF-8
 * encoded into one buffer. Handing LanceDB plain objects made it infer the schema, transpose the
 * rows and encode every string on its own (about 3 s of the indexer's thread on a 78 MB cold
 * index, and most of its garbage). Columns are Utf8, Int32, Float64 or Bool, never null.
 */
export function arrowTable(arrow: ArrowModule, schema: Schema, rows: ReadonlyArray<object>): ArrowTable {
  const { makeData, RecordBatch, Struct, Table, Type } = arrow;
  const n = rows.length;
  const children = schema.fields.map((field) => {
    const values = rows.map((r) => (r as Record<string, unknown>)[field.name]);
    switch (field.typeId) {
      case Type.Utf8: {
        const { offsets, data } = utf8Column(values.map((v) => String(v ?? '')));
        return makeData({ type: field.type, length: n, nullCount: 0, valueOffsets: offsets, data });
      }
      case Type.Int:
        return makeData({ type: field.type, length: n, nullCount: 0, data: Int32Array.from(values, (v) => Number(v)) });
      case Type.Float:
        return makeData({ type: field.type, length: n, nullCount: 0, data: Float64Array.from(values, (v) => Number(v)) });
      case Type.Bool: {
        const bits = new Uint8Array(Math.ceil(n / 8));
        values.forEach((v, i) => {
          if (v) bits[i >> 3] = (bits[i >> 3] as number) | (1 << (i & 7));
        });
        return makeData({ type: field.type, length: n, nullCount: 0, data: bits });
      }
      default:
        throw new Error(`arrowTable: column ${field.name} has a type rows cannot fill (${String(field.type)})`);
    }
  });
  const batch = new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: n, nullCount: 0, children }));
  return new Table([batch]);
}
