/**
 * Reads trees and blobs straight from a (bare) git directory with the `git` binary: no checkout,
 * no change to the repository. Blobs absent from a partial snapshot are reported, not fatal.
 */
import { spawn } from 'node:child_process';
import { AbortError, GroundworkError, throwIfAborted } from '../errors';

export interface TreeEntry {
  path: string;
  sha: string;
  /** Size in bytes; undefined when the blob is absent from the snapshot. */
  size: number | undefined;
}

/** Runs git and returns stdout; a non-zero exit becomes a GroundworkError carrying git's message. */
export function runGit(gitDir: string, args: readonly string[], signal?: AbortSignal): Promise<Buffer> {
  throwIfAborted(signal);
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-C', gitDir, ...args], { stdio: ['ignore', 'pipe', 'pipe'], signal });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => reject(signal?.aborted ? new AbortError() : new GroundworkError(`Could not run git: ${e.message}`, { cause: e })));
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new GroundworkError(`git ${args[0]} failed in ${gitDir}: ${Buffer.concat(err).toString().trim()}`));
    });
  });
}

/** Every regular file of `commit` (symlinks and submodules left out). */
export async function listTree(gitDir: string, commit: string, signal?: AbortSignal): Promise<TreeEntry[]> {
  const raw = await runGit(gitDir, ['ls-tree', '-r', '-l', '-z', commit], signal);
  const out: TreeEntry[] = [];
  for (const rec of raw.toString('utf8').split('\0')) {
    if (!rec) continue;
    const tab = rec.indexOf('\t');
    const [mode, type, sha, size] = rec.slice(0, tab).split(/\s+/);
    if (type !== 'blob' || mode === '120000' || mode === '160000' || !sha) continue;
    out.push({ path: rec.slice(tab + 1), sha, size: size && /^\d+$/.test(size) ? Number(size) : undefined });
  }
  return out;
}

/** True when `commit` exists in the git directory. */
export async function hasCommit(gitDir: string, commit: string, signal?: AbortSignal): Promise<boolean> {
  try {
    await runGit(gitDir, ['cat-file', '-e', `${commit}^{commit}`], signal);
    return true;
  } catch (err) {
    if (err instanceof AbortError) throw err;
    return false;
  }
}

/** Committer time (unix seconds) of each commit, in one git call. */
export async function commitTimes(gitDir: string, commits: readonly string[], signal?: AbortSignal): Promise<Map<string, number>> {
  const times = new Map<string, number>();
  if (commits.length === 0) return times;
  const raw = await runGit(gitDir, ['show', '-s', '--no-walk=unsorted', '--format=%H %ct', ...commits], signal);
  for (const line of raw.toString().split('\n')) {
    const [sha, t] = line.trim().split(' ');
    if (sha && t) times.set(sha, Number(t));
  }
  for (const c of commits) {
    const full = [...times.keys()].find((k) => k.startsWith(c));
    if (full !== undefined && !times.has(c)) times.set(c, times.get(full)!);
  }
  return times;
}

/**
 * Reads blobs with one `git cat-file --batch`; calls `onBlob` in request order.
 * Blobs the snapshot lacks are passed to `onMissing`.
 */
export function readBlobs(
  gitDir: string,
  shas: readonly string[],
  onBlob: (sha: string, data: Buffer) => void | Promise<void>,
  onMissing: (sha: string) => void,
  signal?: AbortSignal,
): Promise<void> {
  throwIfAborted(signal);
  if (shas.length === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-C', gitDir, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'], signal });
    let buf: Buffer = Buffer.alloc(0);
    let next = 0;
    let pending: Promise<void> = Promise.resolve();
    const fail = (e: unknown) => {
      child.kill();
      reject(e);
    };
    child.stdout.on('data', (chunk: Buffer) => {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      for (;;) {
        const nl = buf.indexOf(10);
        if (nl < 0) return;
        const header = buf.subarray(0, nl).toString().split(' ');
        const sha = shas[next];
        if (sha === undefined) return fail(new GroundworkError('git cat-file returned more objects than asked for'));
        if (header[1] === 'missing') {
          onMissing(sha);
          buf = buf.subarray(nl + 1);
          next++;
          continue;
        }
        const size = Number(header[2]);
        if (buf.length < nl + 1 + size + 1) return;
        const data = Buffer.from(buf.subarray(nl + 1, nl + 1 + size));
        buf = buf.subarray(nl + 1 + size + 1);
        next++;
        pending = pending.then(() => onBlob(sha, data));
      }
    });
    child.stderr.on('data', () => undefined);
    child.on('error', (e) => fail(signal?.aborted ? new AbortError() : e));
    child.on('close', (code) => {
      if (code !== 0 && next < shas.length) return reject(new GroundworkError(`git cat-file failed in ${gitDir} (exit ${code})`));
      pending.then(resolve, reject);
    });
    child.stdin.on('error', (e) => fail(e));
    child.stdin.end(shas.join('\n') + '\n');
  });
}
