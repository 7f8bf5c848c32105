import type { Partition } from '@diffsync/core';
import { InvalidArgumentError, partitionOf } from '@diffsync/core';

/** `partition` as given to getAllInPartition, refused with InvalidArgumentError unless it is one. */
export function checkedPartition(partition: Partition, where: string): Partition {
  const { index, count } = (partition ?? {}) as Partial<Partition>;
  if (
    typeof count !== 'number' ||
    !Number.isSafeInteger(count) ||
    count < 1 ||
    typeof index !== 'number' ||
    !Number.isInteger(index) ||
    index < 0 ||
    index >= count
  ) {
    throw new InvalidArgumentError(
      `${where}: 'partition' must be { index, count } with count a positive integer and index an integer from 0 to count - 1, ` +
        `got ${JSON.stringify(partition)}.`,
    );
  }
  return { index, count };
}

/** True when `uid` falls in `partition` (core's `partitionOf`). */
export function inPartition(uid: string, partition: Partition): boolean {
  return partitionOf(uid, partition.count) === partition.index;
}
