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

/**
 * One string column as Arrow's offsets + UTF-8 bytes: each string measured (`Buffer.byteLength`)
 * and then encoded in place into one buffer. Joining the column into one string and encoding that
 * (session 6) cost ~2.4 s of the indexer's thread on a 78 MB cold index, most of it in the join
 * (V8 copies ~6 ns a character into a joined string of that size, more where one non-ASCII
 * string widens it); two native calls a string cost a tenth of that. A lone surrogate is
 * measured and written as the same 3-byte replacement character, so offsets and bytes agree.
 */
export function utf8Column(strings: readonly string[]): { offsets: Int32Array; data: Buffer } {
  const n = strings.length;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = (offsets[i] as number) + Buffer.byteLength(strings[i] as string, 'utf8');
  const data = Buffer.allocUnsafe(offsets[n] as number);
  for (let i = 0; i < n; i++) data.write(strings[i] as string, offsets[i] as number, 'utf8');
  return { offsets, data };
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
