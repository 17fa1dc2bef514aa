/**
 * Finding and loading standards documents. The default sources plus the `groundwork.standards.include`
 * globs are matched (picomatch, dot files included, case-insensitive) against workspace-relative
 * paths. The walk only enters folders that can hold a match — a glob's static base such as
 * `.cursor/rules` — unless a glob starts with a wildcard; `node_modules`, `.git` and symbolic links
 * are never followed. Files that hold credentials (`isSecretFile`) and files over 1 MB are skipped.
 */
import { promises as fs, type Dirent } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { AbortError, GroundworkError, errorMessage, isAbortError, throwIfAborted } from '../errors';
import type { Logger } from '../log';
import { isSecretFile } from '../safety/secretFiles';
import { parseStandardsDocument } from './parse';
import type { Standard } from './types';

export const DEFAULT_STANDARD_SOURCES: readonly string[] = [
  '.groundwork/standards/**/*.md',
  '.github/copilot-instructions.md',
  '.github/instructions/*.instructions.md',
  '.continue/rules/*.md',
  '.cursor/rules/*.mdc',
  'AGENTS.md',
  // Where GitHub looks for a contributors' guide: the root, .github/ and docs/ (Jekyll: .markdown).
  'CONTRIBUTING.md',
  'CONTRIBUTING.markdown',
  '.github/CONTRIBUTING.md',
  '.github/CONTRIBUTING.markdown',
  'docs/CONTRIBUTING.md',
];

const SKIPPED_DIRS = new Set(['node_modules', '.git']);
const MAX_BYTES = 1024 * 1024;

interface WalkPlan {
  isMatch: (relPath: string) => boolean;
  /** Static folders the patterns start from ('' = the root). */
  bases: string[];
  /** Bases of the patterns with wildcards: folders below them can hold matches too. */
  globBases: ReadonlySet<string>;
}

function plan(include: readonly string[]): WalkPlan {
  const patterns = [...DEFAULT_STANDARD_SOURCES, ...include]
    .map((p) => p.trim().replace(/\\/g, '/').replace(/^\.\//, ''))
    .filter((p) => p !== '');
  const bases: string[] = [];
  const globBases = new Set<string>();
  for (const p of patterns) {
    const scan = picomatch.scan(p);
    const dir = path.posix.dirname(p);
    const base = scan.isGlob ? scan.base : dir === '.' ? '' : dir;
    bases.push(base);
    if (scan.isGlob) globBases.add(base.toLowerCase());
  }
  const isMatch = picomatch(patterns, { dot: true, nocase: true, windows: false });
  return { isMatch, bases, globBases };
}

/** A folder is worth entering when it leads to a glob's base or lies inside one. */
function shouldEnter(dir: string, walk: WalkPlan): boolean {
  const lower = dir.toLowerCase();
  return walk.bases.some((base) => {
    const b = base.toLowerCase();
    if (b === '') return walk.globBases.has('');
    return b === lower || b.startsWith(`${lower}/`) || (walk.globBases.has(b) && lower.startsWith(`${b}/`));
  });
}

/** Workspace-relative paths (forward slashes, sorted) of the standards documents under `root`. */
export async function discoverStandardFiles(
  root: string,
  include: readonly string[],
  signal?: AbortSignal,
  logger?: Logger,
): Promise<string[]> {
  const walk = plan(include);
  const found: string[] = [];
  const pending: string[] = [''];
  while (pending.length > 0) {
    throwIfAborted(signal);
    const dir = pending.pop() ?? '';
    let entries: Dirent[];
    try {
      entries = await fs.readdir(path.join(root, dir), { withFileTypes: true });
    } catch (err) {
      if (dir === '') {
        throw new GroundworkError(`Could not read the workspace folder ${root} to look for coding standards.`, { cause: err });
      }
      logger?.debug(`Skipped folder ${dir} while looking for standards: ${errorMessage(err)}`);
      continue;
    }
    for (const entry of entries) {
      const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && shouldEnter(rel, walk)) pending.push(rel);
      } else if (entry.isFile() && walk.isMatch(rel)) {
        found.push(rel);
      }
    }
  }
  return found.sort();
}

/**
 * Reads and parses every standards document. A file that cannot be read or parsed is logged and
 * skipped; ids repeated across files are made unique (`-2`…) with a warning.
 */
export async function loadStandards(
  root: string,
  include: readonly string[],
  logger: Logger,
  signal?: AbortSignal,
): Promise<Standard[]> {
  const files = await discoverStandardFiles(root, include, signal, logger);
  const standards: Standard[] = [];
  const seen = new Set<string>();
  for (const rel of files) {
    throwIfAborted(signal);
    if (isSecretFile(rel)) {
      logger.warn(`Skipped standards file ${rel}: files like it hold credentials and are never read.`);
      continue;
    }
    try {
      const stat = await fs.stat(path.join(root, rel));
      if (stat.size > MAX_BYTES) {
        logger.warn(`Skipped standards file ${rel}: it is larger than 1 MB.`);
        continue;
      }
      const text = await fs.readFile(path.join(root, rel), { encoding: 'utf8', signal });
      if (text.includes('\u0000')) {
        logger.warn(`Skipped standards file ${rel}: it is not a text file.`);
        continue;
      }
      for (const std of parseStandardsDocument(rel, text, logger)) {
        if (seen.has(std.id)) {
          const renamed = uniqueAcross(std.id, seen);
          logger.warn(`Standard id ${std.id} in ${rel} is already used by another file; it is ${renamed} here.`);
          standards.push({ ...std, id: renamed });
        } else {
          seen.add(std.id);
          standards.push(std);
        }
      }
    } catch (err) {
      if (isAbortError(err) || signal?.aborted) throw new AbortError();
      logger.warn(`Skipped standards file ${rel}: ${errorMessage(err)}`);
    }
  }
  logger.debug(`Loaded ${standards.length} standards from ${files.length} files.`);
  return standards;
}

function uniqueAcross(id: string, seen: Set<string>): string {
  let n = 2;
  while (seen.has(`${id}-${n}`)) n += 1;
  const renamed = `${id}-${n}`;
  seen.add(renamed);
  return renamed;
}
