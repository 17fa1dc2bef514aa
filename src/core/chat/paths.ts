/** Workspace-relative paths from the panel, checked before the host touches a file. */
import path from 'node:path';

/**
 * The absolute path of `relative` inside `root`, or undefined when it is absolute, escapes the root
 * (`..`), or is otherwise not a plain workspace path.
 */
export function resolveInside(root: string, relative: string): string | undefined {
  if (relative.includes('\0') || path.isAbsolute(relative) || /^[A-Za-z]:/.test(relative) || relative.startsWith('\\')) return undefined;
  const absolute = path.resolve(root, relative);
  const rel = path.relative(path.resolve(root), absolute);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return absolute;
}

/** `a/b.ts` style: forward slashes, relative to `root`. */
export function toWorkspacePath(root: string, absolute: string): string {
  return path.relative(root, absolute).split(path.sep).join('/');
}
