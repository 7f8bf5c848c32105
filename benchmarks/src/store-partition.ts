/**
 * One partition of a store's top-level objects: the store's own getAllInPartition against
 * BaseStore's default (getAll, then filter), each in a fresh process on the same data.
 *
 *   node --expose-gc benchmarks/dist/store-partition.js sqlite|redis [n=100000] [count=16]
 *
 * prints, per mode, the wall time of one call, the heap it leaves (the objects kept plus
 * what the store tracks), the peak RSS of the process and how many models were decoded.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Adapter, Attribute, BaseStore, DiffSyncModel, Identifier, Model } from '@diffsync/core';
import { gc, peakRssMb, timeIt } from './measure';

let decoded = 0;

@Model('psite')
class PSite extends DiffSyncModel {
  @Identifier() name!: string;
  @Attribute() region!: string;
  @Attribute() status!: string;
  @Attribute() description!: string;
  constructor(init?: object) {
    super(init);
    decoded++;
  }
}

class PAdapter extends Adapter {
  static override models = [PSite];
  static override topLevel = ['psite'];
}

type Kind = 'sqlite' | 'redis';

async function openStore(kind: Kind, where: string): Promise<BaseStore> {
  if (kind === 'sqlite') {
    const { SqliteStore } = require('@diffsync/sqlite-store') as typeof import('@diffsync/sqlite-store');
    return new SqliteStore({ filename: join(where, 'p.sqlite'), storeId: 'bench' });
  }

  const { RedisStore } = require('@diffsync/redis-store') as typeof import('@diffsync/redis-store');
  return RedisStore.connect({ url: process.env.DIFFSYNC_REDIS_URL ?? 'redis://127.0.0.1:6379', storeId: where });
}

async function fill(kind: Kind, where: string, n: number): Promise<void> {
  const store = await openStore(kind, where);
  const adapter = new PAdapter({ store });
  const objs: PSite[] = [];
  for (let i = 0; i < n; i++) {
    objs.push(
      new PSite({ name: `site-${i}`, region: `region-${i % 17}`, status: i % 3 ? 'active' : 'planned', description: `Site number ${i} of the benchmark` }),
    );
  }
  await adapter.store.addMany({ objs });
  await adapter.store.close();
}

async function measure(kind: Kind, where: string, mode: 'default' | 'store', count: number): Promise<void> {
  const store = await openStore(kind, where);
  new PAdapter({ store });
  await store.count(); // connect / open the file outside the timing
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  decoded = 0;
  const partition = { index: 0, count };
  const [ms, objs] = await timeIt(() =>
    mode === 'default'
      ? BaseStore.prototype.getAllInPartition.call(store, { model: 'psite', partition })
      : store.getAllInPartition({ model: 'psite', partition }),
  );
  gc();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1048576;
  console.log(
    JSON.stringify({ kind, mode, kept: objs.length, decoded, ms: Math.round(ms), heapMb: Math.round(heapMb * 10) / 10, peakRssMb: Math.round(peakRssMb()) }),
  );
  await store.close();
}

async function main(): Promise<void> {
  const [kind = 'sqlite', nArg = '100000', countArg = '16', mode, whereArg] = process.argv.slice(2) as [Kind?, string?, string?, string?, string?];
  const n = Number(nArg);
  const count = Number(countArg);
  if (mode) return measure(kind, whereArg as string, mode as 'default' | 'store', count);
  const where = kind === 'sqlite' ? mkdtempSync(join(tmpdir(), 'diffsync-partition-bench-')) : `bench-partition-${process.pid}`;
  try {
    await fill(kind, where, n);
    for (const m of ['default', 'store', 'default', 'store']) {
      execFileSync(process.execPath, ['--expose-gc', __filename, kind, nArg, countArg, m, where], { stdio: 'inherit' });
    }
  } finally {
    if (kind === 'sqlite') rmSync(where, { recursive: true, force: true });
    else {
      const store = (await openStore(kind, where)) as BaseStore & { destroy(): Promise<void> };
      await store.destroy();
    }
  }
}

void main();
