/** `groundwork index` and `groundwork search` (single query or a JSONL batch in the eval format). */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { flagNumber, flagString, type ParsedArgs } from './args';
import { cliContext, cliEngine, dbDirFor, interruptSignal, progressBar } from './common';
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
    const batch = flagString(args, 'queries');
    if (batch) {
      const lines = readline.createInterface({ input: createReadStream(batch), crlfDelay: Infinity });
      for await (const line of lines) {
        if (!line.trim()) continue;
        const row = JSON.parse(line) as { id: string; query: string };
        const result = await engine.retriever.retrieve({ query: row.query, k: 50, includeStandards: false, signal });
        process.stdout.write(
          JSON.stringify({
            id: row.id,
            ranked_files: result.files.slice(0, 50).map((f) => f.path),
            ranked_functions: result.functions.slice(0, 50).map((f) => f.id),
          }) + '\n',
        );
      }
      return 0;
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

function formatResult(result: RetrievalResult, k: number): string {
  const lines: string[] = [];
  if (result.thin) lines.push('(nothing in the index matches this well; results below are weak)');
  result.chunks.slice(0, k).forEach((c, i) => {
    lines.push(`${i + 1}. ${c.path}:${c.startLine}-${c.endLine}  ${c.symbol || c.kind}  [${c.reasons.join('+')}] ${c.score.toFixed(4)}`);
    const preview = c.text.split('\n').slice(0, 3).map((l) => `     ${l.slice(0, 110)}`);
    lines.push(...preview);
  });
  for (const s of result.standards) lines.push(`standard ${s.id}  ${s.title}  (${s.source})`);
  return lines.join('\n') + '\n';
}
