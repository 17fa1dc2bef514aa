#!/usr/bin/env node
/**
 * The headless CLI over the same engine as the extension:
 *   groundwork index [DIR] [--db PATH]
 *   groundwork search "QUERY" [--root DIR] [--db PATH] [--k N] [--json]
 *   groundwork search --queries FILE.jsonl [--root DIR] [--db PATH]
 *   groundwork review FILE[:START-END] …   groundwork export --log FILE --out DIR
 */
import { GroundworkError } from './core/errors';
import { parseArgs } from './cli/args';
import { EXPORT_USAGE, runExport } from './cli/export';
import { REVIEW_USAGE, runReview } from './cli/review';
import { runIndex, runSearch } from './cli/search';

const BOOLEANS = new Set(['json', 'verbose', 'help', 'context']);
const USAGE = `Usage:
  groundwork index [DIR] [--db PATH] [--verbose]
  groundwork search "QUERY" [--root DIR] [--db PATH] [--k N] [--json]
  groundwork search --queries FILE.jsonl [--root DIR] [--db PATH]
  ${REVIEW_USAGE}
  ${EXPORT_USAGE}
The index of DIR lives in ~/.cache/groundwork/indexes unless --db says otherwise.
`;

const COMMANDS: Record<string, (args: ReturnType<typeof parseArgs>) => Promise<number>> = {
  index: runIndex,
  search: runSearch,
  review: runReview,
  export: runExport,
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const handler = command ? COMMANDS[command] : undefined;
  if (!handler || rest.includes('--help')) {
    process.stderr.write(USAGE);
    return handler || command === undefined || command === '--help' ? 0 : 2;
  }
  return handler(parseArgs(rest, BOOLEANS));
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    const message = err instanceof GroundworkError || err instanceof Error ? err.message : String(err);
    process.stderr.write(`groundwork: ${message}\n`);
    if (process.env.GROUNDWORK_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exitCode = 1;
  },
);
