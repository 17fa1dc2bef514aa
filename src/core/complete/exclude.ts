/**
 * Files whose text never goes to the completion model: the ones the index leaves out by name
 * (secrets files, generated and binary files) or by the configured excludes.
 */
import picomatch from 'picomatch';
import { isSecretFile } from '../safety';
import { skipReasonByName } from '../workspace/files';

const matchers = new WeakMap<readonly string[], (path: string) => boolean>();

export function excludedFromIndex(path: string, exclude: readonly string[]): boolean {
  if (isSecretFile(path) || skipReasonByName(path) !== undefined) return true;
  if (exclude.length === 0) return false;
  let match = matchers.get(exclude);
  if (!match) {
    match = picomatch([...exclude], { dot: true });
    matchers.set(exclude, match);
  }
  return match(path);
}
