/**
 * Where a parse worker's time goes, in one thread: read, tree-sitter parse, chunking, tags query,
 * search terms and hashes, per phase, over a sample of the index corpus.
 *   node bench/run.mjs parse [--corpus DIR] [--mb N (default: all)] [--check]
 */
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Parser } from 'web-tree-sitter';
import { stderrLogger } from '../src/core/log';
import { TreeChunker } from '../src/core/parse/chunker';
import { GrammarLoader } from '../src/core/parse/grammars';
import { languageForPath } from '../src/core/parse/languages';
import { SourceLines } from '../src/core/parse/lines';
import { searchTerms } from '../src/core/parse/searchTerms';
import { extractSymbols } from '../src/core/parse/symbols';
import { syntaxFor } from '../src/core/parse/syntax';
import { TermCache, termsText } from '../src/core/terms';

const root = process.env.GROUNDWORK_ROOT!;
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const corpus = arg('corpus', path.join(os.tmpdir(), 'gw-bench-corpus'));
const budget = Number(arg('mb', '1000')) * 1e6;
const check = process.argv.includes('--check');

function sample(dir: string, out: string[], state: { bytes: number }): void {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (state.bytes >= budget) return;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sample(p, out, state);
    else if (e.isFile() && languageForPath(p) && syntaxFor(languageForPath(p)!)) {
      const size = readFileSync(p).length;
      if (size > 512 * 1024) continue;
      out.push(p);
      state.bytes += size;
    }
  }
}

export async function main(): Promise<void> {
  const files: string[] = [];
  const state = { bytes: 0 };
  sample(corpus, files, state);
  const loader = new GrammarLoader(path.join(root, 'dist', 'grammars'), stderrLogger(false));
  await loader.init();
  const parser = new Parser();
  const cache = new TermCache();
  let mismatches = 0;
  const t = { read: 0, parse: 0, chunk: 0, tags: 0, terms: 0 };
  let chunks = 0;
  const start = performance.now();
  for (const file of files) {
    let t0 = performance.now();
    const text = readFileSync(file, 'utf8');
    let t1 = performance.now(); t.read += t1 - t0; t0 = t1;
    const language = languageForPath(file)!;
    const spec = syntaxFor(language)!;
    const grammar = await loader.grammar(language);
    if (!grammar) continue;
    parser.setLanguage(grammar.language);
    t0 = performance.now();
    const tree = parser.parse(text)!;
    t1 = performance.now(); t.parse += t1 - t0; t0 = t1;
    const parsed = new TreeChunker(language, spec, new SourceLines(text)).chunk(tree.rootNode);
    t1 = performance.now(); t.chunk += t1 - t0; t0 = t1;
    const { symbols, references } = grammar.query ? extractSymbols(grammar.query, tree.rootNode, spec, language, text) : { symbols: [], references: [] };
    t1 = performance.now(); t.tags += t1 - t0; t0 = t1;
    const st = searchTerms({ language, chunks: parsed, symbols, references, warnings: [] }, path.relative(corpus, file), text, cache);
    t1 = performance.now(); t.terms += t1 - t0;
    // --check (outside the timings): the per-line shortcut gives exactly termsText of each text.
    if (check) mismatches += (st.file === termsText(text) ? 0 : 1) + parsed.filter((c, i) => st.chunks[i] !== termsText(c.text)).length;
    chunks += parsed.length;
    tree.delete();
  }
  const total = performance.now() - start;
  const mb = state.bytes / 1e6;
  console.log(`${files.length} files, ${mb.toFixed(1)} MB, ${chunks} chunks, one thread: ${(total / 1000).toFixed(1)} s = ${(mb / (total / 1000)).toFixed(2)} MB/s`);
  if (check) console.log(`terms checked against termsText: ${mismatches} mismatches`);
  for (const [k, v] of Object.entries(t)) console.log(`  ${k.padEnd(6)} ${(v / 1000).toFixed(2)} s  ${((100 * v) / total).toFixed(0)} %  ${(mb / (v / 1000)).toFixed(1)} MB/s`);
}
