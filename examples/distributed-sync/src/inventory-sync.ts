import { connect } from '@diffsync/sql';
import type { SyncQueue } from '@diffsync/queue';
import type { NetworkShape } from './generated-network';
import { GeneratedNetwork } from './generated-network';
import { InventoryDb } from './models';

/** The sync name every worker defines and the main process runs. */
export const SYNC_NAME = 'network-to-db';

/**
 * Defines the sync on a queue: for each partition, the generated network (source) and the
 * database (target), both limited to the partition; the database connection is closed by
 * `dispose` after the partition, whether it succeeded or not.
 */
export function defineInventorySync(queue: SyncQueue, dbUrl: string, shape: NetworkShape): void {
  queue.define(SYNC_NAME, async (partition) => {
    const db = await connect(dbUrl);
    return {
      source: new GeneratedNetwork({ shape, partition }),
      target: new InventoryDb({ connection: db, partition }),
      dispose: () => db.close(),
    };
  });
}
