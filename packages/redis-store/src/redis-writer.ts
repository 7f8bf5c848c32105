import { matchesSnapshot, type IdentityMap, type IdentityMapEntry, type Snapshot } from '@diffsync/core';
import { RedisStoreDecodeError } from './errors';
import { RedisKeys, REDIS_STORE_FORMAT_VERSION } from './keys';
import { encodePayload } from './payload-codec';
import type { RedisClientLike, RedisMultiLike } from './redis-client';

/** Fields (or members) per HSET / ZADD / HDEL / ZREM command inside the MULTI. */
const WRITE_CHUNK = 1000;

interface ModelWrites {
  /** uid, JSON, uid, JSON, … for HSET. */
  sets: string[];
  /** score, uid, … for ZADD NX on the order set (new and upserted objects). */
  order: string[];
  /** uids to HDEL / ZREM. */
  deletes: string[];
  /** Insertion number of the model's first new object, for the models set. */
  firstSeq: number | undefined;
}

const EXPECTED_TYPES = { hash: new Set(['hash', 'none']), zset: new Set(['zset', 'none']) };

/**
 * Turns an identity map's pending changes into one MULTI/EXEC transaction, one flush at
 * a time. Before the transaction it checks, in one round trip, that every key it will
 * touch has the right Redis type (so no command can fail half-way through EXEC) and
 * reserves insertion numbers; a batch that fails is queued again.
 */
export class RedisWriter {
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly keys: RedisKeys,
    private readonly map: IdentityMap,
    private readonly label: string,
  ) {}

  /** Resolves when no write is in flight. */
  idle(): Promise<void> {
    return this.chain;
  }

  /** Writes the pending changes; with `full`, also handed-out objects that changed since read. */
  write(client: RedisClientLike, full: boolean): Promise<void> {
    const run = this.chain.then(() => this.writeNow(client, full));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async writeNow(client: RedisClientLike, full: boolean): Promise<void> {
    if (!full && !this.map.hasPendingWrites()) return;
    const batch = this.map.takePending();
    try {
      const byModel = new Map<string, ModelWrites>();
      const writesOf = (model: string): ModelWrites => {
        let w = byModel.get(model);
        if (!w) byModel.set(model, (w = { sets: [], order: [], deletes: [], firstSeq: undefined }));
        return w;
      };
      for (const [model, uid] of batch.deletes) writesOf(model).deletes.push(uid);
      const written: IdentityMapEntry[] = [];
      const snaps: Snapshot[] = [];
      const fresh: IdentityMapEntry[] = [];
      for (const entry of batch.pending) {
        if (entry.cancelled) continue;
        const { json, snap } = encodePayload(entry.obj, entry.model, entry.uid);
        writesOf(entry.model).sets.push(entry.uid, json);
        fresh.push(entry);
        written.push(entry);
        snaps.push(snap);
      }
      if (full) {
        // Handed-out objects changed in place since they were read or written (add, then addChild).
        for (const group of this.map.groups()) {
          for (const entry of group.values()) {
            const was = entry.snap;
            if (entry.mode !== 'stored' || was === undefined) continue;
            if (typeof was !== 'string' && matchesSnapshot(entry.obj, was)) continue;
            const { json, snap } = encodePayload(entry.obj, entry.model, entry.uid);
            if (json === was) continue;
            writesOf(entry.model).sets.push(entry.uid, json);
            written.push(entry);
            snaps.push(snap);
          }
        }
      }
      if (byModel.size > 0) {
        const firstSeq = await this.prepare(client, [...byModel.keys()], fresh.length);
        for (let i = 0; i < fresh.length; i++) {
          const entry = fresh[i] as IdentityMapEntry;
          const w = writesOf(entry.model);
          w.firstSeq ??= firstSeq + i;
          w.order.push(String(firstSeq + i), entry.uid);
        }
        await this.transaction(client, byModel).exec();
      }
      this.map.batchCommitted(written, snaps);
    } catch (error) {
      this.map.batchFailed(batch);
      throw error;
    }
  }

  /** Checks key types and reserves `count` insertion numbers; returns the first. */
  private async prepare(client: RedisClientLike, models: string[], count: number): Promise<number> {
    const checks: Array<[string, keyof typeof EXPECTED_TYPES]> = [
      [this.keys.meta, 'hash'],
      [this.keys.models, 'zset'],
    ];
    for (const model of models) checks.push([this.keys.data(model), 'hash'], [this.keys.order(model), 'zset']);
    const types = (await Promise.all(checks.map(([key]) => client.sendCommand(['TYPE', key])))) as string[];
    checks.forEach(([key, expected], i) => {
      const type = types[i] as string;
      if (!EXPECTED_TYPES[expected].has(type)) {
        throw new RedisStoreDecodeError(
          `${this.label}: Redis key '${key}' holds a ${type}, not a ${expected}; it was not written by diffsync. ` +
            'Nothing was written; delete that key or use another storeId.',
        );
      }
    });
    if (count === 0) return 0;
    const last = Number(await client.sendCommand(['HINCRBY', this.keys.meta, 'seq', String(count)]));
    return last - count + 1;
  }

  private transaction(client: RedisClientLike, byModel: Map<string, ModelWrites>): RedisMultiLike {
    const multi = client.multi();
    multi.addCommand(['HSETNX', this.keys.meta, 'version', String(REDIS_STORE_FORMAT_VERSION)]);
    for (const [model, w] of byModel) {
      chunked(w.deletes, WRITE_CHUNK, (uids) => {
        multi.addCommand(['HDEL', this.keys.data(model), ...uids]);
        multi.addCommand(['ZREM', this.keys.order(model), ...uids]);
      });
    }
    for (const [model, w] of byModel) {
      chunked(w.sets, 2 * WRITE_CHUNK, (pairs) => multi.addCommand(['HSET', this.keys.data(model), ...pairs]));
      if (w.firstSeq !== undefined) multi.addCommand(['ZADD', this.keys.models, 'NX', String(w.firstSeq), model]);
      chunked(w.order, 2 * WRITE_CHUNK, (pairs) => multi.addCommand(['ZADD', this.keys.order(model), 'NX', ...pairs]));
    }
    return multi;
  }
}

function chunked(items: string[], size: number, fn: (chunk: string[]) => void): void {
  for (let i = 0; i < items.length; i += size) fn(items.slice(i, i + size));
}
