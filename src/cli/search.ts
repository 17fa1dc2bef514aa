/** `groundwork index` and `groundwork search` (single query or a JSONL batch in the eval format). */
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { flagNumber, flagString, type ParsedArgs } from './args';
import { cliContext, cliEngine, dbDirFor, indexIfEmpty, interruptSignal, progressBar } from './common';
import { readIndexRoot } from '../core/index/store';
import type { RetrievalResult } from '../core/retrieve/types';

export async function runIndex(args: ParsedArgs): Promise<number> {
  const ctx = cliContext(args);
  const root = path.resolve(args.positionals[0] ?? '.');
  const dbDir = dbDirFor(args, root);
  const engine = await cliEngine(ctx, root, dbDir);
  try {
    const summary = await engine.index({ signal: interruptSignal(), onProgress: progressBar('indexing') });
    const counts = await engine.counts();
    process.stderr.write(
      `indexed ${root}\n  ${summary.files} files (${summary.indexed} parsed, ${summary.unchanged} unchanged, ` +
        `${summary.removed} removed, ${summary.skipped} skipped)\n  ${counts.chunks} chunks, ${counts.symbols} symbols, ` +
        `${counts.standards} standards\n  ${(summary.durationMs / 1000).toFixed(1)} s, index at ${dbDir}\n`,
    );
    return 0;
  } finally {
    await engine.close();
  }
}

export async function runSearch(args: ParsedArgs): Promise<number> {
  const ctx = cliContext(args);
  // With --db and no --root, search the folder that index was built for.
  const db = flagString(args, 'db');
  const builtFor = db && !flagString(args, 'root') ? await readIndexRoot(path.resolve(db)) : undefined;
  if (db && !flagString(args, 'root') && !builtFor) throw new Error(`No index at ${db}: run "groundwork index DIR --db ${db}" first.`);
  const root = path.resolve(flagString(args, 'root') ?? builtFor ?? '.');
  const k = flagNumber(args, 'k', 10);
  const json = args.flags.has('json');
  const engine = await cliEngine(ctx, root, dbDirFor(args, root));
  const signal = interruptSignal();
  try {
    await indexIfEmpty(engine, root, signal);
    const batch = flagString(args, 'queries');
    if (batch) {
      if (!existsSync(batch)) throw new Error(`Cannot read ${batch}: no such file.`);
      const lines = readline.createInterface({ input: createReadStream(batch), crlfDelay: Infinity });
      let n = 0;
      let bad = 0;
      for await (const line of lines) {
        n++;
        if (!line.trim()) continue;
        const row = queryRow(line);
        if (typeof row === 'string') {
          // One bad line is reported and skipped: the other queries still get their results.
          process.stderr.write(`groundwork: ${batch} line ${n}: ${row}; skipped\n`);
          bad++;
          continue;
        }
        const result = await engine.retriever.retrieve({ query: row.query, k: 50, includeStandards: false, signal });
        process.stdout.write(
          JSON.stringify({
            id: row.id,
            ranked_files: result.files.slice(0, 50).map((f) => f.path),
            ranked_functions: result.functions.slice(0, 50).map((f) => f.id),
          }) + '\n',
        );
      }
      return bad > 0 ? 1 : 0;
    }
    const query = args.positionals.join(' ').trim();
    if (!query) throw new Error('Usage: groundwork search "QUERY" [--db PATH] [--k N] [--json]');
    const result = await engine.retriever.retrieve({ query, k, signal, budgetTokens: 1_000_000 });
    process.stdout.write(json ? JSON.stringify(result, null, 2) + '\n' : formatResult(result, k));
    return 0;
  } finally {
    await engine.close();
  }
}

/** A batch line as `{"id","query"}`, or what is wrong with it. */
export function queryRow(line: string): { id: string | number; query: string } | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'not valid JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const { id, query } = value as { id?: unknown; query?: unknown };
  if (typeof id !== 'string' && typeof id !== 'number') return 'no "id" (a string or a number)';
  if (typeof query !== 'string') return 'no "query" string';
  return { id, query };
}

function formatResult(result: RetrievalResult, k: number): string {
  const lines: string[] = [];
  if (result.chunks.length === 0) lines.push('(nothing in the index matches this)');
  else if (result.thin) lines.push('(nothing in the index matches this well; results below are weak)');
  result.chunks.slice(0, k).forEach((c, i) => {
    lines.push(`${i + 1}. ${c.path}:${c.startLine}-${c.endLine}  ${c.symbol || c.kind}  [${c.reasons.join('+')}] ${c.score.toFixed(4)}`);
    const preview = c.text.split('\n').slice(0, 3).map((l) => `     ${l.slice(0, 110)}`);
    lines.push(...preview);
  });
  // Always-apply rules come with every answer: one line per file, by title (`--json` has their ids).
  const always = new Map<string, string[]>();
  for (const s of result.standards.filter((x) => x.alwaysApply)) always.set(s.source, [...(always.get(s.source) ?? []), s.title]);
  for (const [source, titles] of always) lines.push(`standards that always apply (${source}): ${titles.join(' · ')}`);
  for (const s of result.standards.filter((x) => !x.alwaysApply)) lines.push(`standard ${s.id}  ${s.title}  (${s.source})`);
  return lines.join('\n') + '\n';
}
