/**
 * A synthetic index for the completion benchmark: `files × chunksPerFile` TypeScript-like chunks with
 * realistic identifiers, one definition per chunk plus references, a few standards, FTS built.
 */
import { createHash } from 'node:crypto';
import type { Logger } from '../../src/core/log';
import type { ChunkRow, FileRow, StandardRow, SymbolRow } from '../../src/core/index/schema';
import { IndexStore, type FileUpdate } from '../../src/core/index/store';
import { termsText } from '../../src/core/terms';

const VERBS = ['parse', 'load', 'save', 'render', 'build', 'resolve', 'fetch', 'update', 'create', 'remove', 'validate', 'format', 'merge', 'split', 'apply', 'compute', 'read', 'write', 'open', 'close'];
const NOUNS = ['Config', 'User', 'Order', 'Invoice', 'Session', 'Token', 'Payment', 'Report', 'Chunk', 'Index', 'Query', 'Result', 'Account', 'Profile', 'Cart', 'Item', 'Price', 'Schedule', 'Event', 'Message', 'Queue', 'Cache', 'Record', 'Stream', 'Buffer', 'Layout', 'Widget', 'Route', 'Handler', 'Policy'];
const DOMAINS = ['billing', 'auth', 'search', 'ui', 'api', 'storage', 'sync', 'admin', 'reports', 'jobs'];

/** Deterministic pseudo-random numbers (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticName(i: number): string {
  const verb = VERBS[i % VERBS.length]!;
  const noun = NOUNS[Math.floor(i / VERBS.length) % NOUNS.length]!;
  const suffix = Math.floor(i / (VERBS.length * NOUNS.length));
  return `${verb}${noun}${suffix || ''}`;
}

export function syntheticPath(file: number): string {
  return `src/${DOMAINS[file % DOMAINS.length]}/module${file}.ts`;
}

/** The body of chunk `i`: calls a few other chunks' functions so that definitions resolve. */
export function syntheticFunction(i: number, total: number, random: () => number): { text: string; calls: string[] } {
  const name = syntheticName(i);
  const calls = [0, 1, 2].map(() => syntheticName(Math.floor(random() * total)));
  const noun = NOUNS[Math.floor(i / VERBS.length) % NOUNS.length]!;
  const text = [
    `export async function ${name}(input: ${noun}Input, options: ${noun}Options = {}): Promise<${noun}Result> {`,
    `  const ${noun.toLowerCase()} = await ${calls[0]}(input.id, options);`,
    `  if (!${noun.toLowerCase()}) throw new Error('${name}: missing ${noun.toLowerCase()}');`,
    `  const merged = ${calls[1]}({ ...${noun.toLowerCase()}, updatedAt: Date.now() });`,
    `  for (const entry of merged.entries ?? []) {`,
    `    await ${calls[2]}(entry, { retries: ${Math.floor(random() * 5)} });`,
    `  }`,
    `  return { ok: true, value: merged };`,
    `}`,
  ].join('\n');
  return { text, calls };
}

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');

export interface SyntheticIndexOptions {
  dir: string;
  chunks: number;
  chunksPerFile?: number;
  logger: Logger;
  onProgress?: (done: number, total: number) => void;
  onStep?: (step: string) => void;
}

export async function buildSyntheticIndex(options: SyntheticIndexOptions): Promise<IndexStore> {
  const perFile = options.chunksPerFile ?? 20;
  const files = Math.ceil(options.chunks / perFile);
  const random = rng(42);
  const store = await IndexStore.open(options.dir, '/synthetic', options.logger);
  const batch: FileUpdate[] = [];
  let chunkNo = 0;
  for (let f = 0; f < files; f++) {
    const path = syntheticPath(f);
    const chunks: ChunkRow[] = [];
    const symbols: SymbolRow[] = [];
    for (let c = 0; c < perFile && chunkNo < options.chunks; c++, chunkNo++) {
      const { text, calls } = syntheticFunction(chunkNo, options.chunks, random);
      const start = c * 10 + 1;
      const symbol = syntheticName(chunkNo);
      chunks.push({
        id: sha1(`${path}:${start}:${symbol}`).slice(0, 16), path, language: 'typescript', kind: 'function', symbol, container: '',
        start_line: start, end_line: start + 8, text, terms: termsText(text), head: `${termsText(path)} ${termsText(symbol)}`,
        file_hash: 'h', chunk_hash: sha1(text),
      });
      symbols.push({ name: symbol, kind: 'function', path, line: start, end_line: start + 8, container: '', is_def: true });
      for (const call of calls) symbols.push({ name: call, kind: 'reference', path, line: start + 1, end_line: start + 1, container: '', is_def: false });
    }
    const file: FileRow = { path, hash: 'h', mtime_ms: 0, size: 1000, language: 'typescript', chunks: chunks.length };
    batch.push({ file, chunks, symbols });
  }
  // One write: per-batch deletes of an ever larger table are what makes big indexes slow to build.
  await store.replaceFiles(batch);
  options.onProgress?.(chunkNo, options.chunks);
  await store.replaceStandards(syntheticStandards());
  options.onStep?.('optimizing (full-text indexes)');
  await store.optimize();
  return store;
}

function syntheticStandards(): StandardRow[] {
  const rules = [
    ['ts-errors', 'Errors', 'Throw GroundworkError subclasses with a message written for the user; never throw strings.', ['**/*.ts'], true],
    ['ts-async', 'Async', 'Every async function takes an AbortSignal and checks it between awaits.', ['src/**'], false],
    ['billing-money', 'Money', 'Represent amounts in minor units (integers); never use floating point for prices.', ['src/billing/**'], false],
  ] as const;
  return rules.map(([id, title, text, scope, always], i) => ({
    id, source: '.groundwork/standards/style.md', title, heading_path: JSON.stringify([title]), scope: JSON.stringify(scope),
    description: '', always_apply: always,
    line: i * 5 + 1, text, terms: termsText(`${title} ${text}`),
  }));
}
