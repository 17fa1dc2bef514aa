import * as lancedb from '@lancedb/lancedb';
import { readFileSync } from 'node:fs';
const [db, data] = process.argv.slice(2);
const t = await (await lancedb.connect(db)).openTable('chunks');
const rows = await t.query().select(['path', 'symbol', 'kind', 'start_line', 'end_line']).toArray();
const by = new Map();
for (const r of rows) { const k = `${r.path}::${r.symbol}`; if (!by.has(k)) by.set(k, []); by.get(k).push(r.kind); }
const byPath = new Map(); for (const r of rows) { if (!byPath.has(r.path)) byPath.set(r.path, []); byPath.get(r.path).push(r); }
let found = 0, n = 0; const kinds = {};
for (const l of readFileSync(data, 'utf8').trim().split('\n')) {
  const r = JSON.parse(l); n++;
  const g = r.gold_functions[0];
  if (by.has(g)) { found++; continue; }
  const [p] = g.split('::');
  const cover = (byPath.get(p) ?? []).filter((c) => c.start_line <= r.def_line && c.end_line >= r.end_line).map((c) => `${c.kind}:${c.symbol}:${c.start_line}-${c.end_line}`);
  console.log('MISSING', g, r.def_line, r.end_line, cover.join(' | '));
}
console.log(found, 'of', n, 'gold functions are a chunk symbol');
