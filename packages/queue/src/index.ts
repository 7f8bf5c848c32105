export { SyncQueue } from './sync-queue';
export { SyncRun } from './sync-run';
export type { SyncRunEvents } from './sync-run';
export { SyncWorker } from './sync-worker';
export { CANCELLED } from './collect-run';
export { redactRedisUrl } from './connection';
export type { QueueConnection } from './connection';
export { SyncQueueError, QueueUnavailableError, UnknownSyncError, RunFailedError } from './errors';
export type {
  BackoffOptions,
  FailedPartition,
  PartitionContext,
  PartitionResult,
  PartitionSpec,
  RunMode,
  RunOptions,
  RunProgress,
  RunResult,
  SyncFactory,
  SyncPair,
  SyncQueueOptions,
  WorkOptions,
} from './types';
