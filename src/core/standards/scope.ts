/**
 * Which files a rule applies to. Globs are picomatch globs relative to the workspace root, matched
 * against forward-slash relative paths, dot files included, case-sensitive:
 * - an empty scope, `**`, `**\/*` or `*` applies to every file;
 * - a glob without a slash (`*.ts`, `Dockerfile`) matches the file name in any folder, as in
 *   .gitignore, Copilot's `applyTo` and Cursor's `globs`; a glob with a slash (`src/**\/*.ts`) is
 *   anchored at the root (a leading `./` or `/` is ignored);
 * - a glob starting with `!` excludes; a scope made only of exclusions applies to everything else.
 */
import picomatch from 'picomatch';
import type { Standard } from './types';

export type PathMatcher = (relPath: string) => boolean;

const ALL = new Set(['**', '**/*', '*', '']);

function normalizePath(relPath: string): string {
  return relPath.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\/+/, '');
}

function compileGlob(glob: string): PathMatcher {
  const pattern = glob.trim().replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\/+/, '');
  if (ALL.has(pattern)) return () => true;
  const anywhere = !pattern.includes('/');
  const isMatch = picomatch(anywhere ? `**/${pattern}` : pattern, { dot: true, windows: false });
  return (path) => isMatch(path);
}

/** Compiles a scope once, for matching many paths. */
export function scopeMatcher(scope: readonly string[]): PathMatcher {
  const globs = scope.map((g) => g.trim()).filter((g) => g !== '');
  const include = globs.filter((g) => !g.startsWith('!')).map(compileGlob);
  const exclude = globs.filter((g) => g.startsWith('!')).map((g) => compileGlob(g.slice(1)));
  if (include.length === 0 && exclude.length === 0) return () => true;
  return (relPath) => {
    const path = normalizePath(relPath);
    if (exclude.some((m) => m(path))) return false;
    return include.length === 0 || include.some((m) => m(path));
  };
}

/** True when `std` applies to the workspace-relative file `relPath`. */
export function standardApplies(std: Pick<Standard, 'scope'>, relPath: string): boolean {
  return scopeMatcher(std.scope)(relPath);
}
