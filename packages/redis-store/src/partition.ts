import type { Partition } from '@diffsync/core';
import { partitionOf } from '@diffsync/core';

/** True when `uid` falls in `partition` (core's `partitionOf`). */
export function inPartition(uid: string, partition: Partition): boolean {
  return partitionOf(uid, partition.count) === partition.index;
}
