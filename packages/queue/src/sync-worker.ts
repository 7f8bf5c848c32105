import type { Worker } from 'bullmq';

/** A worker started by `SyncQueue.work()`: takes partitions of any run of its queue. */
export class SyncWorker {
  /** @internal */
  constructor(
    /** The BullMQ worker (its events: 'completed', 'failed', 'stalled', …). */
    readonly worker: Worker,
    private readonly onClose: (worker: SyncWorker) => void,
  ) {}

  /** Stops taking partitions, waits for the ones running to finish, closes its connections. */
  async close(): Promise<void> {
    try {
      await this.worker.close();
    } finally {
      this.onClose(this);
    }
  }
}
