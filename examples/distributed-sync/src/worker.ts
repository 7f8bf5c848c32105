#!/usr/bin/env node
// One worker process of the example, started by the main process:
//   node dist/worker.js '<json settings>'
// It defines the sync, works the queue and stops (finishing its partition) on SIGTERM.
import { SyncQueue } from '@diffsync/queue';
import { defineInventorySync } from './inventory-sync';
import type { WorkerSettings } from './distributed-sync';

async function main(): Promise<void> {
  const settings = JSON.parse(process.argv[2] ?? '{}') as WorkerSettings;
  const queue = new SyncQueue({ name: settings.queue, connection: settings.redis });
  defineInventorySync(queue, settings.url, settings.shape);
  await queue.work({ concurrency: settings.concurrency });
  const stop = () => void queue.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.send?.({ ready: process.pid });
}

main().catch((error: unknown) => {
  console.error(`worker ${process.pid}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
