import { Parser, type Tree } from 'web-tree-sitter';
import { AbortError, errorMessage, isAbortError, throwIfAborted } from '../errors';
import type { Logger } from '../log';
import { TermCache } from '../terms';
import { withoutDeclarationMacros } from './cMacros';
import { TreeChunker } from './chunker';
import { withoutCompilerDirectives } from './directives';
import type { Grammar, GrammarLoader } from './grammars';
import { languageForFile, languageInfo, PLAIN_TEXT } from './languages';
import { SourceLines, textWindows } from './lines';
import { markdownChunks } from './markdown';
import { withSearchTerms } from './searchTerms';
import { COMPONENT_LANGUAGES, type ComponentScript, componentScript } from './sfc';
import { extractSymbols } from './symbols';
import { type SyntaxSpec, syntaxFor } from './syntax';
import type { FileParser, ParsedFile } from './types';

/** Files larger than this are split into line windows without parsing. */
export const DEFAULT_MAX_PARSE_BYTES = 2 * 1024 * 1024;

/** The text the grammar is given: the file's, with what it cannot read blanked (positions unchanged). */
function textForParser(language: string, text: string): string {
  if (language === 'c' || language === 'cpp') return withoutDeclarationMacros(text);
  if (language === 'swift') return withoutCompilerDirectives(text);
  return text;
}

/** Line windows for a file we cannot or will not parse. */
export function windowedFile(path: string, text: string, warnings: string[] = []): ParsedFile {
  const language = languageForFile(path, text) ?? PLAIN_TEXT;
  return { language, chunks: textWindows(new SourceLines(text)), symbols: [], references: [], warnings };
}

/** Parses in this thread. One `Parser` is reused; every tree is deleted after use. */
export class InProcessParser implements FileParser {
  private parser: Parser | undefined;
  /** Set when the WASM runtime aborted: every later parse in this thread is suspect. */
  runtimeFailed = false;
  private readonly terms = new TermCache();

  constructor(
    private readonly loader: GrammarLoader,
    private readonly logger: Logger,
    private readonly maxBytes = DEFAULT_MAX_PARSE_BYTES,
  ) {}

  /** The parsed file with its search columns (`searchTerms.ts`). */
  async parse(path: string, text: string, signal?: AbortSignal): Promise<ParsedFile> {
    return withSearchTerms(await this.parseFile(path, text, signal), path, text, this.terms);
  }

  private async parseFile(path: string, text: string, signal?: AbortSignal): Promise<ParsedFile> {
    throwIfAborted(signal);
    const language = languageForFile(path, text) ?? PLAIN_TEXT;
    if (language === 'markdown') {
      const { chunks, symbols } = markdownChunks(new SourceLines(text));
      return { language, chunks, symbols, references: [], warnings: [] };
    }
    const script = COMPONENT_LANGUAGES.has(language) ? componentScript(path, text) : undefined;
    const grammarLanguage = script?.language ?? language;
    const spec = syntaxFor(grammarLanguage);
    if (!spec) return windowedFile(path, text);
    if (text.length > this.maxBytes) {
      return windowedFile(path, text, [`${path} is larger than ${this.maxBytes} bytes: split into line windows without parsing.`]);
    }
    const grammar = await this.loader.grammar(grammarLanguage);
    throwIfAborted(signal);
    if (!grammar) {
      const reason = languageInfo(grammarLanguage)?.wasm ? `the ${grammarLanguage} grammar failed to load` : 'no grammar';
      return windowedFile(path, text, [`${path}: ${reason}; split into line windows.`]);
    }
    try {
      const parsed = this.parseWith(grammar, spec, grammarLanguage, path, text, signal, script);
      return script ? { ...parsed, language } : parsed;
    } catch (err) {
      if (isAbortError(err)) throw err;
      if (err instanceof WebAssembly.RuntimeError) this.runtimeFailed = true;
      this.parser?.delete();
      this.parser = undefined;
      this.logger.warn(`Parsing ${path} failed (${errorMessage(err)}); split into line windows.`);
      return windowedFile(path, text, [`${path}: parsing failed (${errorMessage(err)}); split into line windows.`]);
    }
  }

  private parseWith(
    grammar: Grammar,
    spec: SyntaxSpec,
    language: string,
    path: string,
    text: string,
    signal: AbortSignal | undefined,
    script?: ComponentScript,
  ): ParsedFile {
    this.parser ??= new Parser();
    const parser = this.parser;
    parser.setLanguage(grammar.language);
    let tree: Tree | null = null;
    try {
      const parsedText = script ? script.text : textForParser(language, text);
      tree = parser.parse(parsedText, null, signal ? { progressCallback: () => signal.aborted } : undefined);
      if (!tree) {
        parser.reset();
        if (signal?.aborted) throw new AbortError();
        throw new Error('the parser returned no tree');
      }
      const root = tree.rootNode;
      const source = new SourceLines(text);
      const chunks = new TreeChunker(language, spec, source, script?.name).chunk(root);
      const { symbols, references } = grammar.query
        ? extractSymbols(grammar.query, root, spec, language, text, script?.name)
        : { symbols: [], references: [] };
      const warnings = root.hasError ? [`${path} has syntax errors; chunks near them may be approximate.`] : [];
      return { language, chunks, symbols, references, warnings };
    } finally {
      tree?.delete();
    }
  }

  /** WASM memory held by the parser runtime: it grows with the largest tree and never shrinks. */
  memoryBytes(): number {
    return this.loader.memoryBytes();
  }

  async dispose(): Promise<void> {
    this.parser?.delete();
    this.parser = undefined;
    await this.loader.dispose();
  }
}
