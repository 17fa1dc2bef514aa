import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Language, Parser, Query } from 'web-tree-sitter';
import { errorMessage } from '../errors';
import type { Logger } from '../log';
import { languageInfo } from './languages';

/** 64 KiB pages: 32 MiB to start (web-tree-sitter's default), 2 GiB at most (its own limit). */
const INITIAL_PAGES = 512;
const MAX_PAGES = 32768;

export interface Grammar {
  language: Language;
  /** Tags query; undefined when it failed to compile (chunks still work, symbols are empty). */
  query: Query | undefined;
}

/**
 * Loads web-tree-sitter once and each grammar lazily, once, from the grammar directory.
 * A grammar that fails to load is remembered as failed (null) and not retried.
 */
export class GrammarLoader {
  private runtime: Promise<void> | undefined;
  /**
   * The runtime's linear memory, ours so that its size can be read: it only grows (to fit the
   * largest tree parsed so far), so a worker whose memory grew large is replaced. Used only by the
   * first loader in a thread (web-tree-sitter keeps one runtime per thread).
   */
  private readonly memory = new WebAssembly.Memory({ initial: INITIAL_PAGES, maximum: MAX_PAGES });
  private readonly grammars = new Map<string, Promise<Grammar | null>>();

  constructor(
    private readonly grammarDir: string,
    private readonly logger: Logger,
    private readonly disabled: ReadonlySet<string> = new Set(),
  ) {}

  /** Parser runtime; rejects when web-tree-sitter.wasm cannot be loaded. */
  init(): Promise<void> {
    this.runtime ??= Parser.init({
      locateFile: (file: string) => join(this.grammarDir, file),
      wasmMemory: this.memory,
    });
    return this.runtime;
  }

  /** Bytes of WASM linear memory the parser runtime holds (when this loader started it). */
  memoryBytes(): number {
    return this.memory.buffer.byteLength;
  }

  /** The grammar of a language, or null when it has none or it failed to load (logged once). */
  grammar(languageId: string): Promise<Grammar | null> {
    let pending = this.grammars.get(languageId);
    if (!pending) {
      pending = this.load(languageId);
      this.grammars.set(languageId, pending);
    }
    return pending;
  }

  /** Languages whose grammar failed to load in this process. */
  async failed(): Promise<string[]> {
    const out: string[] = [];
    for (const [id, g] of this.grammars) if ((await g) === null && languageInfo(id)?.wasm) out.push(id);
    return out;
  }

  private async load(languageId: string): Promise<Grammar | null> {
    const info = languageInfo(languageId);
    if (!info?.wasm) return null;
    if (this.disabled.has(languageId)) return null;
    let language: Language;
    try {
      await this.init();
      language = await Language.load(join(this.grammarDir, info.wasm));
    } catch (err) {
      this.logger.warn(`The ${languageId} grammar could not be loaded (${errorMessage(err)}); its files are split into line windows.`);
      return null;
    }
    let query: Query | undefined;
    if (info.query) {
      try {
        query = new Query(language, await readFile(join(this.grammarDir, info.query), 'utf8'));
      } catch (err) {
        this.logger.warn(`The ${languageId} tags query could not be loaded (${errorMessage(err)}); no symbols for its files.`);
      }
    }
    return { language, query };
  }

  /** Frees the queries. Languages live as long as the WASM runtime. */
  async dispose(): Promise<void> {
    for (const g of this.grammars.values()) (await g)?.query?.delete();
    this.grammars.clear();
  }
}
