import type { Database } from 'better-sqlite3';
import type { Partition } from '@diffsync/core';
import { partitionOf } from '@diffsync/core';

/**
 * Name of the SQL function `diffsync_partition(uid, count)` = core's `partitionOf(uid, count)`,
 * registered (deterministic) on every connection a SqliteStore opens, so that a query keeps
 * one partition's rows before their data is read.
 */
export const PARTITION_FUNCTION = 'diffsync_partition';

/** Registers `diffsync_partition(uid, count)` on `db`; call it before preparing statements that use it. */
export function registerPartitionFunction(db: Database): void {
  db.function(PARTITION_FUNCTION, { deterministic: true, directOnly: true }, (uid: unknown, count: unknown) => partitionOf(uid as string, Number(count)));
}

/** True when `uid` falls in `partition`. */
export function inPartition(uid: string, partition: Partition): boolean {
  return partitionOf(uid, partition.count) === partition.index;
}
