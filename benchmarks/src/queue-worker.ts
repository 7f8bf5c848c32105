// A worker process of the queue benchmark: node dist/queue-worker.js '<json settings>'.
// Sends { ready } when it works, and { peakRssMb, cpuMs } when told to stop (then exits).
import 'reflect-metadata';
import { SyncQueue } from '@diffsync/queue';
import { GeneratedSide } from './queue-workload';

export interface BenchWorkerSettings {
  redis: string;
  queue: string;
  sites: number;
  pageDelayMs: number;
  concurrency: number;
}

async function main(): Promise<void> {
  const s = JSON.parse(process.argv[2] ?? '{}') as BenchWorkerSettings;
  const queue = new SyncQueue({ name: s.queue, connection: s.redis });
  queue.define('bench', (partition) => ({
    source: new GeneratedSide({ side: 'source', sites: s.sites, pageDelayMs: s.pageDelayMs, partition }),
    target: new GeneratedSide({ side: 'target', sites: s.sites, pageDelayMs: s.pageDelayMs, partition }),
  }));
  // partitions of 1M-model runs hold the event loop for a while in the differ: a longer lock
  await queue.work({ concurrency: s.concurrency, lockDuration: 30000, stalledInterval: 15000 });
  process.on('message', (message: { stop?: boolean }) => {
    if (!message.stop) return;
    void queue.close().then(() => {
      const cpu = process.cpuUsage();
      process.send?.({ peakRssMb: process.resourceUsage().maxRSS / 1024, cpuMs: (cpu.user + cpu.system) / 1000 }, () => process.exit(0));
    });
  });
  process.send?.({ ready: process.pid });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
