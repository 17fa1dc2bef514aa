/**
 * Deterministic train/validation split by reviewed file: a path's hash decides its side, so one
 * file never lands on both sides and the same log always splits the same way.
 */
import { createHash } from 'node:crypto';

/** A stable number in [0, 1) for a path. */
export function pathFraction(path: string): number {
  return createHash('sha256').update(path).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * The set of paths on the validation side: those whose hash falls under `ratio`. When that leaves
 * the validation side empty and there are at least two files, the file with the lowest hash goes
 * there, so that a small export still has a validation file.
 */
export function validationPaths(paths: Iterable<string>, ratio: number): Set<string> {
  const distinct = [...new Set(paths)].map((p) => ({ p, f: pathFraction(p) })).sort((a, b) => a.f - b.f || (a.p < b.p ? -1 : 1));
  const chosen = new Set(distinct.filter((x) => x.f < ratio).map((x) => x.p));
  if (chosen.size === 0 && distinct.length >= 2 && ratio > 0) chosen.add(distinct[0]!.p);
  if (chosen.size === distinct.length && distinct.length > 0) chosen.delete(distinct[distinct.length - 1]!.p);
  return chosen;
}
