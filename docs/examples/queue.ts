// The code of docs/queue.md and packages/queue/README.md; packages/queue/test/docs-example.spec.ts runs it.
import { Adapter, Attribute, DiffSyncFlags, DiffSyncModel, Identifier, Model, ValueMap } from '@diffsync/core';
import { RunResult, SyncQueue } from '@diffsync/queue';

@Model('device')
export class Device extends DiffSyncModel {
  @Identifier() name!: string;
  @Attribute() role!: string;
}

/** Stands in for a system read page by page (a REST API): 'r0' … 'r<n-1>'. */
export class Inventory extends Adapter {
  static override models = [Device];
  static override topLevel = ['device'];
  devices: Record<string, string> = {};

  override async load(): Promise<void> {
    for (const [name, role] of Object.entries(this.devices)) {
      if (!this.inPartition('device', name)) continue; // skip other partitions before building
      await this.add(new Device({ name, role }));
    }
  }
}

/** The target system of this in-process demo (a CMDB's table): device name → role. */
export const cmdb: Record<string, string> = {};

@Model('device')
export class CmdbDevice extends Device {
  static override create(adapter: Adapter, ids: ValueMap, attrs: ValueMap) {
    cmdb[ids.name as string] = attrs.role as string; // write to the target system
    return super.create(adapter, ids, attrs);
  }
}

export class Cmdb extends Inventory {
  static override models = [CmdbDevice];
  override async load(): Promise<void> {
    for (const [name, role] of Object.entries(cmdb)) {
      if (this.inPartition('device', name)) await this.add(new CmdbDevice({ name, role }));
    }
  }
}

// A worker process: define the syncs it can run, then work the queue.
export async function startWorker(redisUrl: string, queueName: string): Promise<SyncQueue> {
  const queue = new SyncQueue({ name: queueName, connection: redisUrl });
  queue.define('inventory-to-cmdb', (partition) => {
    const source = new Inventory({ partition });
    for (let i = 0; i < 100; i++) source.devices[`r${i}`] = i % 10 === 0 ? 'spine' : 'leaf';
    return { source, target: new Cmdb({ partition }) };
  });
  await queue.work({ concurrency: 2 }); // lockDuration 4 s, stalledInterval 2 s by default
  return queue;
}

// Any process: start a run and follow it.
export async function startRun(redisUrl: string, queueName: string): Promise<RunResult> {
  const queue = new SyncQueue({ name: queueName, connection: redisUrl });
  try {
    const run = await queue.run('inventory-to-cmdb', {
      partitions: 8,
      mode: 'sync',
      flags: DiffSyncFlags.NONE,
      attempts: 3, // retried with exponential backoff: 1 s, 2 s
    });
    run.on('progress', ({ done, failed, total }) => console.log(`${done + failed}/${total} partitions`));
    const result = await run.done();
    for (const f of result.failed) console.error(`partition ${f.index} failed after ${f.attempts} attempts: ${f.error}`);
    return result;
  } finally {
    await queue.close();
  }
}
