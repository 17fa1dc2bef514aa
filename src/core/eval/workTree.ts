/**
 * One working directory per repository, moved from commit to commit by writing only the files
 * that differ: files left alone keep their mtime, so the incremental indexer skips them.
 * The state (path → blob id) lives next to the tree, never inside it.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { GroundworkError, throwIfAborted } from '../errors';
import type { Logger } from '../log';
import { blankDocLines, type DocStrip } from './dataset';
import { listTree, readBlobs } from './gitTree';

export interface CheckoutSummary {
  written: number;
  removed: number;
  /** Blobs the snapshot lacks (large files of partial mirrors), left out of the tree. */
  missing: number;
  files: number;
}

export interface WorkTreeOptions {
  gitDir: string;
  /** The tree goes here. */
  root: string;
  /** JSON file remembering what the tree holds, outside `root`. */
  stateFile: string;
  /** Files larger than this are left out (default 1 MB, like the reference baseline). */
  maxBytes?: number;
  logger: Logger;
}

type State = Record<string, string>;

export class WorkTree {
  private state: State | undefined;

  constructor(private readonly options: WorkTreeOptions) {}

  /** Makes the tree equal to `commit` with `strips` applied; returns what changed. */
  async checkout(commit: string, strips: readonly DocStrip[] = [], signal?: AbortSignal): Promise<CheckoutSummary> {
    const { gitDir, logger } = this.options;
    const maxBytes = this.options.maxBytes ?? 1_000_000;
    const state = await this.loadState();
    const stripsByPath = new Map<string, DocStrip[]>();
    for (const s of strips) stripsByPath.set(s.path, [...(stripsByPath.get(s.path) ?? []), s]);

    const wanted = new Map<string, string>();
    const shaOf = new Map<string, string>();
    let missing = 0;
    for (const e of await listTree(gitDir, commit, signal)) {
      if (e.size === undefined) {
        missing++;
        continue;
      }
      if (e.size > maxBytes) continue;
      const s = stripsByPath.get(e.path);
      wanted.set(e.path, s ? `${e.sha}:strip:${s.map((x) => x.lines.join('-')).sort().join(',')}` : e.sha);
      shaOf.set(e.path, e.sha);
    }

    // a crash from here on must not leave a state that disagrees with the disk
    await fs.rm(this.options.stateFile, { force: true });
    const stale = Object.keys(state).filter((p) => wanted.get(p) !== state[p]);
    let removed = 0;
    for (const p of stale) {
      throwIfAborted(signal);
      if (!wanted.has(p)) removed++;
      await fs.rm(this.abs(p), { force: true });
      delete state[p];
    }
    const toWrite = [...wanted.keys()].filter((p) => state[p] === undefined);
    const pathsBySha = new Map<string, string[]>();
    for (const p of toWrite) pathsBySha.set(shaOf.get(p)!, [...(pathsBySha.get(shaOf.get(p)!) ?? []), p]);
    let written = 0;
    await readBlobs(
      gitDir,
      [...pathsBySha.keys()],
      async (sha, data) => {
        for (const p of pathsBySha.get(sha) ?? []) {
          const s = stripsByPath.get(p);
          const content = s ? blankDocLines(data.toString('utf8'), s) : data;
          const dest = this.abs(p);
          await fs.mkdir(path.dirname(dest), { recursive: true });
          await fs.writeFile(dest, content);
          state[p] = wanted.get(p)!;
          written++;
        }
      },
      (sha) => {
        missing++;
        logger.debug(`blob ${sha} is absent from ${gitDir}`);
      },
      signal,
    );
    await this.saveState();
    return { written, removed, missing, files: wanted.size };
  }

  private abs(rel: string): string {
    const dest = path.resolve(this.options.root, rel);
    if (!dest.startsWith(path.resolve(this.options.root) + path.sep)) {
      throw new GroundworkError(`Refusing to write outside the work tree: ${rel}`);
    }
    return dest;
  }

  private async loadState(): Promise<State> {
    if (this.state) return this.state;
    try {
      this.state = JSON.parse(await fs.readFile(this.options.stateFile, 'utf8')) as State;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.options.logger.warn(`Work tree state ${this.options.stateFile} unreadable, rebuilding the tree: ${String(err)}`);
      }
      await fs.rm(this.options.root, { recursive: true, force: true });
      this.state = {};
    }
    await fs.mkdir(this.options.root, { recursive: true });
    return this.state;
  }

  private async saveState(): Promise<void> {
    await fs.mkdir(path.dirname(this.options.stateFile), { recursive: true });
    await fs.writeFile(this.options.stateFile, JSON.stringify(this.state));
  }
}
