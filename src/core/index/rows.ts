/**
 * Query results as plain objects, built a column at a time. LanceDB's `toArray()` hands back
 * Arrow row proxies that decode a field on every read; reading every field of 400 search hits
 * that way cost ~10 ms a query at 117k chunks, against ~2 ms column-wise.
 */
import type { Table as ArrowTable } from 'apache-arrow';

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
