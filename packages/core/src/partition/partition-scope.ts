import type { Adapter } from '../forward-types';
import type { Diff } from '../diff/diff';
import type { DiffSyncModel } from '../model/diffsync-model';
import { getModelMetadata } from '../metadata/metadata-builder';
import { InvalidArgumentError } from '../errors';
import type { Partition } from './partition-of';
import { checkPartition, fnv1a32, partitionLabel, samePartition } from './partition-of';

/**
 * The partition a diff or sync between `src` and `dst` covers: `requested` when given,
 * else the adapters' own (undefined when neither is partitioned). Two adapters with
 * different partitions, or a requested partition other than an adapter's own, are refused:
 * that adapter holds another slice of the data, so the result would be wrong.
 */
export function resolvePartition(src: Adapter, dst: Adapter, requested: unknown): Partition | undefined {
  const own = src.partition ?? dst.partition;
  if (src.partition && dst.partition && !samePartition(src.partition, dst.partition)) {
    throw new InvalidArgumentError(
      `${String(src)} holds partition ${partitionLabel(src.partition)} but ${String(dst)} holds partition ` +
        `${partitionLabel(dst.partition)}; diff and sync adapters built with the same partition.`,
    );
  }
  if (requested === undefined) return own;
  const partition = checkPartition(requested, 'diff/sync options');
  for (const adapter of [src, dst]) {
    if (adapter.partition && !samePartition(adapter.partition, partition)) {
      throw new InvalidArgumentError(
        `The diff/sync options ask for partition ${partitionLabel(partition)} but ${String(adapter)} holds partition ` +
          `${partitionLabel(adapter.partition)}; pass no 'partition' option, or build the adapter with the partition wanted.`,
      );
    }
  }
  return partition;
}

/** True when `uid` falls in `partition`. */
export function uidInPartition(uid: string, partition: Partition): boolean {
  return fnv1a32(uid) % partition.count === partition.index;
}

/**
 * The number of objects in `adapter` that belong to `partition`: its top-level objects
 * in the partition and every object reachable from them through children lists (each
 * counted once). The partitioned counterpart of `adapter.count()` for progress totals.
 */
export async function countInPartition(adapter: Adapter, partition: Partition): Promise<number> {
  let total = 0;
  const seen = new Map<string, Set<string>>();
  const fresh = (type: string, uids: readonly string[]): string[] => {
    let set = seen.get(type);
    if (!set) seen.set(type, (set = new Set()));
    const out: string[] = [];
    for (const uid of uids) {
      if (set.has(uid)) continue;
      set.add(uid);
      out.push(uid);
    }
    return out;
  };
  let level = new Map<string, DiffSyncModel[]>();
  for (const type of adapter.topLevel) {
    const objs = await adapter.store.getAllInPartition({ model: type, partition });
    fresh(
      type,
      objs.map((o) => o.getUniqueId()),
    );
    if (objs.length > 0) level.set(type, objs);
  }
  while (level.size > 0) {
    const next = new Map<string, string[]>();
    for (const objs of level.values()) {
      total += objs.length;
      for (const obj of objs) {
        for (const [type, field] of getModelMetadata(obj.constructor).childFieldOf) {
          const uids = (field.read(obj as never) as string[] | undefined) ?? [];
          if (uids.length === 0) continue;
          let list = next.get(type);
          if (!list) next.set(type, (list = []));
          for (const uid of uids) list.push(uid);
        }
      }
    }
    level = new Map();
    for (const [type, uids] of next) {
      const unseen = fresh(type, uids);
      if (unseen.length === 0) continue;
      // Children that are missing from the store are left out, as count() would.
      const found = await adapter.store.getMany({ uids: unseen, model: type });
      if (found.size > 0) level.set(type, [...found.values()]);
    }
  }
  return total;
}

/**
 * Refuse a precomputed diff that holds top-level elements outside `partition`: syncing
 * it under that partition would either apply changes the partition does not own or
 * silently drop part of a reviewed diff.
 */
export function checkDiffInPartition(diff: Diff, dst: Adapter, partition: Partition): void {
  for (const element of diff.getChildren()) {
    const cls = dst.modelOrUndefined(element.type);
    if (cls === undefined) continue; // the sync reports the unknown model
    const uid = element.uid ?? cls.createUniqueId(element.keys);
    if (!uidInPartition(uid, partition)) {
      throw new InvalidArgumentError(
        `The diff given to syncFrom holds ${element.type} "${uid}", which is in partition ` +
          `${fnv1a32(uid) % partition.count}/${partition.count}, not in the sync's partition ${partitionLabel(partition)}; ` +
          `compute the diff with the same partition, or sync without one.`,
      );
    }
  }
}
