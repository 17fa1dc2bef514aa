/**
 * An in-memory view of the index for keystroke-time lookups: definitions by name and chunk
 * locations by path (with LanceDB row ids, so a chunk's text is one `take` away). A `name IN (…)`
 * scan of the symbols table costs tens of milliseconds at 100k chunks; a map lookup costs nothing.
 * Rebuilt in the background when a table's version changes; the old view serves meanwhile.
 */
import type { IndexStore } from '../index/store';
import type { Logger } from '../log';
import { errorMessage } from '../errors';

export interface DefinitionPlace {
  path: string;
  line: number;
  endLine: number;
  /** The enclosing class of a method ('' for a function). */
  container: string;
}

export interface ChunkPlace {
  startLine: number;
  endLine: number;
  rowId: bigint;
}

export interface IndexView {
  definitions: Map<string, DefinitionPlace[]>;
  chunks: Map<string, ChunkPlace[]>;
  /** Table versions this view was built from. */
  versions: string;
}

const CHECK_INTERVAL_MS = 1000;

export class IndexSnapshot {
  private view: IndexView | undefined;
  private loading: Promise<void> | undefined;
  private lastCheck = 0;

  constructor(
    private readonly store: IndexStore,
    private readonly logger: Logger,
  ) {}

  /** The current view (undefined until the first load finished); starts a refresh when due. */
  current(): IndexView | undefined {
    const now = Date.now();
    if (now - this.lastCheck >= CHECK_INTERVAL_MS) {
      this.lastCheck = now;
      void this.refresh();
    }
    return this.view;
  }

  /** Loads (or reloads, when the index changed) and waits for it. */
  refresh(): Promise<void> {
    this.loading ??= this.reload().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async versions(): Promise<string> {
    const [s, c] = await Promise.all([this.store.symbols.version(), this.store.chunks.version()]);
    return `${s}/${c}`;
  }

  private async reload(): Promise<void> {
    try {
      const versions = await this.versions();
      if (this.view?.versions === versions) return;
      const started = Date.now();
      const [defs, chunks] = await Promise.all([
        this.store.symbols.query().where('is_def = true').select(['name', 'path', 'line', 'end_line', 'container']).toArray() as Promise<
          Array<{ name: string; path: string; line: number; end_line: number; container: string | null }>
        >,
        this.store.chunks.query().select(['path', 'start_line', 'end_line']).withRowId().toArray() as Promise<
          Array<{ path: string; start_line: number; end_line: number; _rowid: bigint }>
        >,
      ]);
      const definitions = new Map<string, DefinitionPlace[]>();
      for (const d of defs) {
        const list = definitions.get(d.name);
        const place = { path: d.path, line: d.line, endLine: d.end_line, container: d.container ?? '' };
        if (list) list.push(place);
        else definitions.set(d.name, [place]);
      }
      const byPath = new Map<string, ChunkPlace[]>();
      for (const c of chunks) {
        const list = byPath.get(c.path);
        const place = { startLine: c.start_line, endLine: c.end_line, rowId: BigInt(c._rowid) };
        if (list) list.push(place);
        else byPath.set(c.path, [place]);
      }
      this.view = { definitions, chunks: byPath, versions };
      this.logger.debug(`completion context: loaded ${defs.length} definitions and ${chunks.length} chunk places in ${Date.now() - started} ms`);
    } catch (err) {
      this.logger.warn(`Completion context is unavailable until the index can be read: ${errorMessage(err)}`);
    }
  }
}

/** The smallest chunk of `path` that holds `line`. */
export function chunkHolding(view: IndexView, path: string, line: number): ChunkPlace | undefined {
  let best: ChunkPlace | undefined;
  for (const c of view.chunks.get(path) ?? []) {
    if (c.startLine <= line && c.endLine >= line && (!best || c.endLine - c.startLine < best.endLine - best.startLine)) best = c;
  }
  return best;
}
