import { matchesSnapshot, StoreConflictError, type IdentityMap, type IdentityMapEntry, type Snapshot } from '@diffsync/core';
import { RedisStoreDecodeError } from './errors';
import type { ModelWrites } from './flush-script';
import { flushCommand, flushToken, UNCHECKED, writtenBy } from './flush-script';
import type { RedisKeys } from './keys';
import { REDIS_STORE_FORMAT_VERSION } from './keys';
import { encodePayload } from './payload-codec';
import { str, strList } from './replies';
import type { StoreVersion } from './store-version';
import { RedisCommandTimeoutError, type TimedClient } from './timed-client';

/**
 * Turns an identity map's pending changes into one flush script (see flush-script.ts),
 * one flush at a time: the version check and all writes are one atomic step on the
 * server. A batch that fails or is refused is queued again.
 */
export class RedisWriter {
  private chain: Promise<void> = Promise.resolve();
  /**
   * Token of a flush whose reply never came (commandTimeoutMs): the server may still have
   * run it. If the next flush finds the storeId at the version that flush wrote, it was
   * applied and nothing came after it, so the next flush goes ahead from there.
   */
  private inDoubt: string | undefined;

  constructor(
    private readonly keys: RedisKeys,
    private readonly map: IdentityMap,
    private readonly version: StoreVersion,
    private readonly label: string,
  ) {}

  /** Resolves when no write is in flight. */
  idle(): Promise<void> {
    return this.chain;
  }

  /** Writes the pending changes; with `full`, also handed-out objects that changed since read. */
  write(client: TimedClient, full: boolean): Promise<void> {
    const run = this.chain.then(() => this.writeNow(client, full));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async writeNow(client: TimedClient, full: boolean): Promise<void> {
    if (!full && !this.map.hasPendingWrites()) return;
    const batch = this.map.takePending();
    try {
      const byModel = new Map<string, ModelWrites>();
      const writesOf = (model: string): ModelWrites => {
        let w = byModel.get(model);
        if (!w) byModel.set(model, (w = { deletes: [], sets: [], order: [], first: 0 }));
        return w;
      };
      for (const [model, uid] of batch.deletes) writesOf(model).deletes.push(uid);
      const written: IdentityMapEntry[] = [];
      const snaps: Snapshot[] = [];
      let fresh = 0;
      for (const entry of batch.pending) {
        if (entry.cancelled) continue;
        const { json, snap } = encodePayload(entry.obj, entry.model, entry.uid);
        const w = writesOf(entry.model);
        w.sets.push(entry.uid, json);
        fresh++;
        if (w.first === 0) w.first = fresh;
        w.order.push(String(fresh), entry.uid);
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
        await this.version.settled();
        this.version.expected = await this.send(client, fresh, byModel);
      }
      this.map.batchCommitted(written, snaps);
    } catch (error) {
      this.map.batchFailed(batch);
      throw error;
    }
  }

  /** Runs the flush script; the version it wrote. */
  private async send(client: TimedClient, fresh: number, byModel: Map<string, ModelWrites>): Promise<string> {
    let expected = this.version.expected;
    for (;;) {
      const token = flushToken();
      const command = flushCommand(this.keys, expected === undefined ? UNCHECKED : (expected ?? ''), token, REDIS_STORE_FORMAT_VERSION, fresh, byModel);
      let reply: string[];
      try {
        reply = strList(await client.sendCommand(command), 'EVAL (flush)');
      } catch (error) {
        if (error instanceof RedisCommandTimeoutError) this.inDoubt = token;
        throw error;
      }
      const [status, ...rest] = reply;
      if (status === 'conflict' && this.inDoubt !== undefined && writtenBy(rest[0], this.inDoubt)) {
        // The flush that timed out was applied after all, and nobody wrote since: go on from its version.
        expected = rest[0];
        this.inDoubt = undefined;
        continue;
      }
      if (status === 'ok') this.inDoubt = undefined;
      return this.outcome(status, rest, expected);
    }
  }

  /** The new version from the script's reply, or the error it stands for. */
  private outcome(status: string | undefined, rest: string[], expected: string | null | undefined): string {
    if (status === 'ok') return str(rest[0], 'EVAL (flush)');
    if (status === 'conflict') {
      const actual = rest[0] === '' || rest[0] === undefined ? undefined : rest[0];
      throw new StoreConflictError(
        `${this.label}: flush refused: another writer flushed storeId '${this.keys.storeId}' after this store read it ` +
          `(read at version ${expected ?? 'none (empty)'}, now at ${actual ?? 'none (cleared)'}), so this flush would write over its changes. ` +
          'Nothing was written and the changes stay pending. Reload and retry: close this store with close({ flush: false }), ' +
          'connect a new RedisStore with the same storeId, load or diff again and redo the changes.',
        { expected: expected ?? undefined, actual },
      );
    }
    if (status === 'type') {
      const [key, type, want] = rest;
      throw new RedisStoreDecodeError(
        `${this.label}: Redis key '${key}' holds a ${type}, not a ${want}; it was not written by diffsync. ` +
          'Nothing was written; delete that key or use another storeId.',
      );
    }
    if (status === 'format') {
      throw new RedisStoreDecodeError(
        `${this.label}: storeId '${this.keys.storeId}' is now in stored format ${rest[0]}; this @diffsync/redis-store writes format ${REDIS_STORE_FORMAT_VERSION}. ` +
          'Nothing was written; upgrade @diffsync/redis-store in every process sharing this storeId.',
      );
    }
    throw new RedisStoreDecodeError(`${this.label}: unexpected reply of the flush script: ${JSON.stringify([status, ...rest])}`);
  }
}
