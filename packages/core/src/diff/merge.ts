import type { Diff } from '../forward-types';
import { InvalidArgumentError } from '../errors';

/**
 * Group names of `diffs` in one order that keeps each diff's own group order where
 * the diffs agree (a group first seen later goes right after its predecessor there).
 */
function mergedGroupOrder(diffs: readonly Diff[]): string[] {
  const order: string[] = [];
  for (const diff of diffs) {
    let at = -1;
    for (const group of diff.children.keys()) {
      const found = order.indexOf(group);
      if (found >= 0) {
        at = found;
      } else {
        order.splice(at + 1, 0, group);
        at += 1;
      }
    }
  }
  return order;
}

/**
 * One diff holding every element of `diffs` (the diffs of disjoint partitions), group
 * by group, each group's elements in the order of the diffs given; `modelsProcessed`
 * is their sum, so the summary is the sum of their summaries. The elements are shared,
 * not copied. An element present in two diffs → ObjectAlreadyExists.
 */
export function mergeDiffs<D extends Diff>(cls: new () => D, diffs: readonly Diff[]): D {
  diffs.forEach((diff, i) => {
    if (diff === null || typeof diff !== 'object' || !(diff.children instanceof Map)) {
      throw new InvalidArgumentError(`Diff.merge: argument ${i} is not a Diff (got ${diff === null ? 'null' : typeof diff}).`);
    }
  });
  const merged = new cls();
  let processed = 0;
  for (const diff of diffs) processed += diff.modelsProcessed;
  for (const group of mergedGroupOrder(diffs)) {
    for (const diff of diffs) {
      const elements = diff.children.get(group);
      if (elements === undefined) continue;
      for (const element of elements.values()) merged.add(element);
    }
  }
  merged.modelsProcessed = processed;
  return merged;
}
