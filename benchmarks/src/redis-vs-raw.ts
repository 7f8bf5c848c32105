import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { LocalStore, ModelCodec, type BaseStore, type DiffSyncModel, type PlainModel } from '@diffsync/core';
import { BenchAdapter, countRows, loadRows, makeWorkload } from './workload';
import { median, timeIt } from './measure';

type RedisStoreModule = {
  RedisStore: { connect(o: { url: string; storeId: string }): Promise<BaseStore & { destroy(): Promise<void> }> };
};

export interface RedisVsRaw {
  models: number;
  /** RedisStore: add + flush of the target side, then a fresh connection diffs it against an in-memory source. */
  oursMs: number;
  /** node-redis pipeline: JSON.stringify + HSET of the same payloads, then HGETALL + JSON.parse of every value. */
  rawMs: number;
  ratio: number;
  loadMs: number;
  diffMs: number;
}

/** The target side's models as they would be stored: (model, uid, plain object). */
async function payloads(rows: ReturnType<typeof makeWorkload>['target']): Promise<Map<string, Array<[string, PlainModel]>>> {
  const a = new BenchAdapter({ store: new LocalStore() });
  await loadRows(a, rows);
  const out = new Map<string, Array<[string, PlainModel]>>();
  for (const model of ['site', 'device', 'interface']) {
    out.set(
      model,
      (await a.getAll(model)).map((obj: DiffSyncModel) => [obj.getUniqueId(), ModelCodec.encode(obj)]),
    );
  }
  return out;
}

/**
 * Loading and diffing `size` models from Redis through RedisStore, next to a raw
 * node-redis pipeline writing and reading the same payloads, in the same run.
 */
export async function redisVsRaw(size: number, runs: number): Promise<RedisVsRaw> {
  const { RedisStore } = require('@diffsync/redis-store') as RedisStoreModule;
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const workload = makeWorkload(size);
  const models = countRows(workload.target);
  const source = new BenchAdapter({ name: 'source', store: new LocalStore() });
  await loadRows(source, workload.source);
  const plain = await payloads(workload.target);
  const client = createClient({ url });
  await client.connect();
  const ours: number[] = [];
  const loads: number[] = [];
  const diffs: number[] = [];
  const raw: number[] = [];
  try {
    for (let r = 0; r < runs + 1; r++) {
      const storeId = `bench-${randomUUID()}`;
      let loadMs = 0;
      let target: BenchAdapter | undefined;
      const [o] = await timeIt(async () => {
        const t0 = performance.now();
        const loader = new BenchAdapter({ store: await RedisStore.connect({ url, storeId }) });
        await loadRows(loader, workload.target);
        await loader.store.close();
        loadMs = performance.now() - t0;
        target = new BenchAdapter({ store: await RedisStore.connect({ url, storeId }) });
        const diff = await target.diffFrom(source);
        const s = diff.summary();
        if (s.create !== workload.expected.create || s.update !== workload.expected.update || s.delete !== workload.expected.delete) {
          throw new Error(`RedisStore diff found ${JSON.stringify(s)}, expected ${JSON.stringify(workload.expected)}`);
        }
      });
      // Cleanup is not timed, on either side.
      await ((target as BenchAdapter).store as BaseStore & { destroy(): Promise<void> }).destroy();
      const prefix = `bench-raw-${randomUUID()}`;
      const [w] = await timeIt(async () => {
        const writes: Array<Promise<unknown>> = [];
        for (const [model, objs] of plain) {
          for (let i = 0; i < objs.length; i += 1000) {
            const args = [`${prefix}:${model}`];
            for (const [uid, obj] of objs.slice(i, i + 1000)) args.push(uid, JSON.stringify(obj));
            writes.push(client.sendCommand(['HSET', ...args]));
          }
        }
        await Promise.all(writes);
        let read = 0;
        for (const model of plain.keys()) {
          const flat = await client.sendCommand<string[]>(['HGETALL', `${prefix}:${model}`]);
          for (let i = 1; i < flat.length; i += 2) if (JSON.parse(flat[i])) read++;
        }
        if (read !== models) throw new Error(`raw read ${read} of ${models}`);
      });
      await client.del([...plain.keys()].map((m) => `${prefix}:${m}`));
      if (r > 0) {
        ours.push(o);
        loads.push(loadMs);
        diffs.push(o - loadMs);
        raw.push(w);
      }
    }
  } finally {
    await client.close();
  }
  const oursMs = median(ours);
  const rawMs = median(raw);
  return { models, oursMs, rawMs, ratio: oursMs / rawMs, loadMs: median(loads), diffMs: median(diffs) };
}
