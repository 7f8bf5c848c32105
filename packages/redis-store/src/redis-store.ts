import { randomUUID } from 'node:crypto';
import type { DiffSyncModel, GetArgs, ModelClass, ModelRef, Partition } from '@diffsync/core';
import { BaseStore, IdentityMap, ObjectAlreadyExists, checkPartition, ObjectStoreException, modelNameOf } from '@diffsync/core';
import type { OpenedClient } from './connection';
import { checkConnectOptions, closeClient, openClient } from './connection';
import { RedisStoreDecodeError, translateRedisError } from './errors';
import { checkStoreId, LegacyKeys, RedisKeys, REDIS_STORE_FORMAT_VERSION } from './keys';
import { migrateLegacy } from './migrate';
import { inPartition } from './partition';
import { decodePayload } from './payload-codec';
import type { RedisStoreOptions } from './redis-store-options';
import { RedisWriter } from './redis-writer';
import { entries, execResults, nullableStr, nullableStrList, num, str, strList } from './replies';
import { StoreVersion } from './store-version';
import { TimedClient } from './timed-client';

const DONE: Promise<void> = Promise.resolve();

/** Uids per HMGET command when fetching a batch. */
const READ_CHUNK = 5000;

/**
 * A store on a Redis server (node-redis), shared by every process that uses the same
 * `storeId`. Objects are JSON values of one hash per model, with a sorted set per
 * model for insertion order (see `RedisKeys` for the layout). Writes are buffered in an
 * identity map and sent by `flush()` (which diff and sync call) as one atomic Lua script
 * that first checks the storeId's version (optimistic concurrency: StoreConflictError when
 * another writer flushed after this store read); reads fetch whole batches in one round
 * trip. Every command is bounded by `commandTimeoutMs`.
 */
export class RedisStore extends BaseStore {
  /** The id shared by every process that uses this store's data (`diffsync:{storeId}:…` keys). */
  readonly storeId: string;
  /** The Redis keys of this store (see the README's key layout). */
  readonly keys: RedisKeys;
  private client: TimedClient | undefined;
  private readonly ownsClient: boolean;
  private readonly target: string;
  /** Delete the storeId's keys on close (see RedisStoreOptions.deleteOnClose). */
  readonly deleteOnClose: boolean;
  private readonly map = new IdentityMap();
  private readonly writer: RedisWriter;
  /** The storeId's version this store works from (optimistic concurrency; see StoreVersion). */
  private readonly version: StoreVersion;
  /** Models whose stored objects are all tracked (read by getAll, or empty when first probed). */
  private readonly complete = new Set<string>();
  private readonly probed = new Set<string>();
  /** Uids that a batch read found missing, per model. */
  private readonly absent = new Map<string, Set<string>>();

  /**
   * Connects (or adopts `client`), checks that the server answers and that the storeId's
   * data is in a format this version reads. Unreachable → `RedisStoreUnavailableError`
   * (an `ObjectStoreException`, "Redis store is unavailable.").
   */
  static async connect(options: RedisStoreOptions = {}): Promise<RedisStore> {
    const { storeId = randomUUID() } = options;
    checkStoreId(storeId);
    checkConnectOptions(options);
    const opened = await openClient(options);
    const store = new RedisStore(opened, storeId, options);
    try {
      await store.checkFormat();
    } catch (error) {
      if (opened.owned) await closeClient(opened.client, opened.commandTimeoutMs).catch(() => undefined);
      throw error;
    }
    return store;
  }

  private constructor(opened: OpenedClient, storeId: string, options: RedisStoreOptions) {
    super(options);
    this.client = new TimedClient(opened.client, opened.commandTimeoutMs);
    this.ownsClient = opened.owned;
    this.target = opened.target;
    this.deleteOnClose = options.deleteOnClose === true;
    this.storeId = storeId;
    this.keys = new RedisKeys(storeId);
    this.version = new StoreVersion(this.keys.meta);
    this.writer = new RedisWriter(this.keys, this.map, this.version, String(this));
  }

  override toString(): string {
    return `${this.name} (${this.storeId})`;
  }

  /** True while the store can be used (until `close()` or `destroy()`). */
  get isOpen(): boolean {
    return this.client !== undefined;
  }

  // ---- reads -------------------------------------------------------------------

  async getAllModelNames(): Promise<Iterable<string>> {
    return this.run('getAllModelNames', async (c) => {
      await this.writePending(c, false);
      const sizes = await this.modelSizes(c);
      return [...sizes.keys()].filter((n) => (sizes.get(n) as number) > 0);
    });
  }

  async get(args: GetArgs): Promise<DiffSyncModel> {
    const [model, uid] = this.resolveUid(args.model, args.identifier);
    return this.run(`get ${model} ${uid}`, async (c) => {
      const entry = this.map.get(model, uid);
      if (entry) return entry.obj;
      if (this.map.isDeleted(model, uid)) throw this.notFound(model, uid);
      const text = nullableStr(await c.sendCommand(['HGET', this.keys.data(model), uid]), 'HGET');
      const again = this.map.get(model, uid);
      if (again) return again.obj;
      if (text === null) throw this.notFound(model, uid);
      return this.track(model, uid, text, this.classFor(model, this.modelClassOf(args.model)));
    });
  }

  async getAll(args: { model: ModelRef }): Promise<DiffSyncModel[]> {
    const model = modelNameOf(args.model);
    return this.run(`getAll ${model}`, async (c) => {
      await this.writePending(c, false);
      const [uids, texts] = await this.readModel(c, model);
      const out: DiffSyncModel[] = [];
      let cls: ModelClass | undefined;
      const take = (uid: string, text: string) => {
        const entry = this.map.get(model, uid);
        out.push(entry ? entry.obj : this.track(model, uid, text, (cls ??= this.classFor(model, this.modelClassOf(args.model)))));
      };
      for (const uid of uids) {
        const text = texts.get(uid);
        if (text !== undefined) take(uid, text);
      }
      if (out.length < texts.size) {
        // Values without an order entry (written by something else): after the ordered ones.
        const ordered = new Set(uids);
        for (const [uid, text] of texts) if (!ordered.has(uid)) take(uid, text);
      }
      this.complete.add(model);
      return out;
    });
  }

  /**
   * The objects of `model` whose uid falls in `partition`, in getAll order (pending changes
   * are written first, as getAll does). Only uids are listed (ZRANGE of the order key); the
   * partition's values are fetched with pipelined HMGETs and decoded unless already tracked,
   * so other partitions' values never leave Redis.
   */
  override async getAllInPartition(args: { model: ModelRef; partition: Partition }): Promise<DiffSyncModel[]> {
    const model = modelNameOf(args.model);
    const partition = checkPartition(args.partition, `${String(this)}.getAllInPartition(${model})`);
    if (partition.count === 1) return this.getAll(args);
    return this.run(`getAllInPartition ${model} ${partition.index}/${partition.count}`, async (c) => {
      await this.writePending(c, false);
      const data = this.keys.data(model);
      const [order, size] = execResults(
        await c
          .multi()
          .addCommand(['ZRANGE', this.keys.order(model), '0', '-1'])
          .addCommand(['HLEN', data])
          .exec(),
        2,
      );
      const ordered = strList(order, 'ZRANGE');
      const kept = ordered.filter((uid) => inPartition(uid, partition));
      const texts = await this.fetchTexts(c, data, kept);
      let uids = kept;
      // Values without an order entry (written by something else) come after the ordered ones,
      // as in getAll; the hash's uids are listed only when its size says some may exist.
      if (num(size, 'HLEN') !== ordered.length || texts.includes(null)) {
        const listed = new Set(ordered);
        const strays = strList(await c.sendCommand(['HKEYS', data]), 'HKEYS').filter((uid) => !listed.has(uid) && inPartition(uid, partition));
        if (strays.length > 0) {
          texts.push(...(await this.fetchTexts(c, data, strays)));
          uids = [...kept, ...strays];
        }
      }
      const out: DiffSyncModel[] = [];
      let cls: ModelClass | undefined;
      for (let i = 0; i < uids.length; i++) {
        const uid = uids[i];
        const text = texts[i];
        if (text === null || text === undefined) continue; // an order entry without a value
        const entry = this.map.get(model, uid);
        out.push(entry ? entry.obj : this.track(model, uid, text, (cls ??= this.classFor(model, this.modelClassOf(args.model)))));
      }
      return out;
    });
  }

  async getByUids(args: { uids: readonly string[]; model: ModelRef }): Promise<DiffSyncModel[]> {
    const model = modelNameOf(args.model);
    return this.run(`getByUids ${model}`, async (c) => {
      const found = await this.lookup(c, args.model, model, args.uids);
      return found.map((obj, i) => {
        if (!obj) throw this.notFound(model, args.uids[i]);
        return obj;
      });
    });
  }

  override async getMany(args: { uids: readonly string[]; model: ModelRef }): Promise<Map<string, DiffSyncModel>> {
    const model = modelNameOf(args.model);
    return this.run(`getMany ${model}`, async (c) => {
      const found = await this.lookup(c, args.model, model, args.uids);
      const out = new Map<string, DiffSyncModel>();
      for (let i = 0; i < found.length; i++) {
        const obj = found[i];
        if (obj) out.set(args.uids[i], obj);
      }
      return out;
    });
  }

  override async lookupMany(args: { uids: readonly string[]; model: ModelRef }): Promise<Array<DiffSyncModel | undefined>> {
    const model = modelNameOf(args.model);
    return this.run(`getMany ${model}`, (c) => this.lookup(c, args.model, model, args.uids));
  }

  async count(args: { model?: ModelRef } = {}): Promise<number> {
    return this.run('count', async (c) => {
      await this.writePending(c, false);
      const ref = args.model;
      if (ref !== undefined && ref !== null && ref !== '') return num(await c.sendCommand(['HLEN', this.keys.data(modelNameOf(ref))]), 'HLEN');
      let total = 0;
      for (const size of (await this.modelSizes(c)).values()) total += size;
      return total;
    });
  }

  // ---- writes ------------------------------------------------------------------

  /**
   * Adds an object (written at the next flush). A stored object with the same uid is
   * found through the identity map, or with one HGET when this store has not read that
   * model's objects (the engine's creates never need it: the diff read them).
   */
  add(args: { obj: DiffSyncModel }): Promise<void> {
    const obj = args.obj;
    const model = obj.getType();
    const uid = obj.getUniqueId();
    // Fast path (loading, sync creates): no await, no round trip when the answer is known.
    try {
      this.assertOpen();
      if (this.refuseTracked(model, uid, obj)) return DONE;
      if (this.map.isDeleted(model, uid) || this.complete.has(model) || this.absent.get(model)?.has(uid) === true) {
        this.trackNew(model, uid, obj);
        return DONE;
      }
    } catch (error) {
      return Promise.reject(error);
    }
    return this.addAfterLookup(model, uid, obj);
  }

  private async addAfterLookup(model: string, uid: string, obj: DiffSyncModel): Promise<void> {
    await this.run(`add ${model} ${uid}`, async (c) => {
      if (!(await this.knownAbsent(c, model, uid))) {
        const text = nullableStr(await c.sendCommand(['HGET', this.keys.data(model), uid]), 'HGET');
        if (this.refuseTracked(model, uid, obj)) return;
        if (text !== null) {
          const existing = this.track(model, uid, text, this.classFor(model, obj.constructor as ModelClass));
          throw new ObjectAlreadyExists(`Object ${uid} already present`, existing, obj);
        }
      }
      if (this.refuseTracked(model, uid, obj)) return;
      this.trackNew(model, uid, obj);
    });
  }

  private trackNew(model: string, uid: string, obj: DiffSyncModel): void {
    if (!obj.adapter) obj.adapter = this.adapter;
    this.map.track(model, uid, obj, 'insert');
  }

  async update(args: { obj: DiffSyncModel }): Promise<void> {
    const obj = args.obj;
    const model = obj.getType();
    const uid = obj.getUniqueId();
    this.assertOpen();
    this.map.upsert(model, uid, obj);
    if (!obj.adapter) obj.adapter = this.adapter;
  }

  async removeItem(modelName: string, uid: string): Promise<void> {
    await this.run(`remove ${modelName} ${uid}`, async (c) => {
      const entry = this.map.get(modelName, uid);
      if (entry) {
        this.map.untrack(entry, true);
        return;
      }
      if (this.map.isDeleted(modelName, uid)) throw this.notFound(modelName, uid);
      const exists = num(await c.sendCommand(['HEXISTS', this.keys.data(modelName), uid]), 'HEXISTS');
      if (!exists || this.map.isDeleted(modelName, uid)) throw this.notFound(modelName, uid);
      const tracked = this.map.get(modelName, uid);
      if (tracked) this.map.untrack(tracked, true);
      else this.map.markDeleted(modelName, uid);
    });
  }

  /**
   * Writes pending adds, updates and removals and every handed-out object whose stored
   * form changed, as one atomic flush script. On failure (including StoreConflictError:
   * another writer flushed since this store first read) nothing is written and the
   * changes stay pending, so the flush can be retried.
   */
  override async flush(): Promise<void> {
    if (!this.client) {
      if (this.map.hasPendingWrites()) this.assertOpen();
      return;
    }
    await this.run('flush', (c) => this.writePending(c, true), false);
  }

  /**
   * Flushes (unless `{ flush: false }`) and closes the connection if the store opened it
   * (a client passed in stays open). When the flush fails the store stays open with its
   * changes pending, and the error is thrown. With `deleteOnClose`, the storeId's keys
   * are deleted instead of flushed.
   */
  override async close(options: { flush?: boolean } = {}): Promise<void> {
    const client = this.client;
    if (!client) return;
    if (this.deleteOnClose) await this.clear();
    else if (options.flush !== false) await this.flush();
    this.client = undefined;
    this.forget();
    if (this.ownsClient) await closeClient(client.client, client.timeoutMs).catch(() => undefined);
  }

  /**
   * Removes every key of this storeId from Redis (other storeIds are untouched) and
   * forgets pending changes; the store stays usable. Not version-checked: it removes the
   * storeId whatever other writers did; their next flush is refused (StoreConflictError).
   */
  async clear(): Promise<void> {
    await this.run(
      'clear',
      async (c) => {
        await this.writer.idle();
        const names = await this.modelNames(c);
        const multi = c.multi();
        for (const n of names) multi.addCommand(['DEL', this.keys.data(n), this.keys.order(n)]);
        multi.addCommand(['DEL', this.keys.models, this.keys.meta]);
        execResults(await multi.exec(), names.length + 1);
        this.forget();
        this.version.reset(null); // known: the storeId has no version now
      },
      false,
    );
  }

  /** `clear()`, then `close({ flush: false })`. */
  async destroy(): Promise<void> {
    await this.clear();
    await this.close({ flush: false });
  }

  // ---- internals ---------------------------------------------------------------

  /** Every model name this storeId has held, in order of first insertion. */
  private async modelNames(c: TimedClient): Promise<string[]> {
    return strList(await c.sendCommand(['ZRANGE', this.keys.models, '0', '-1']), 'ZRANGE');
  }

  /** Objects per model name (HLEN of each model's hash, pipelined). */
  private async modelSizes(c: TimedClient): Promise<Map<string, number>> {
    const names = await this.modelNames(c);
    const sizes = await Promise.all(names.map(async (n) => num(await c.sendCommand(['HLEN', this.keys.data(n)]), 'HLEN')));
    return new Map(names.map((n, i) => [n, sizes[i]]));
  }

  /**
   * The uids of `model` in insertion order and its stored texts, in one MULTI (ZRANGE,
   * HGETALL, HLEN). HGETALL's reply is a flat array (RESP2, node-redis 5) or an object
   * (RESP3, node-redis 6); an object cannot hold a field named `__proto__`, so when it
   * holds fewer fields than HLEN says, the missing ones are fetched by name.
   */
  private async readModel(c: TimedClient, model: string): Promise<[string[], Map<string, string>]> {
    const data = this.keys.data(model);
    const [order, all, size] = execResults(
      await c
        .multi()
        .addCommand(['ZRANGE', this.keys.order(model), '0', '-1'])
        .addCommand(['HGETALL', data])
        .addCommand(['HLEN', data])
        .exec(),
      3,
    );
    const uids = strList(order, 'ZRANGE');
    const texts = entries(all, 'HGETALL');
    if (texts.size < num(size, 'HLEN')) {
      const missing = strList(await c.sendCommand(['HKEYS', data]), 'HKEYS').filter((f) => !texts.has(f));
      if (missing.length > 0) {
        const values = nullableStrList(await c.sendCommand(['HMGET', data, ...missing]), 'HMGET');
        missing.forEach((f, i) => {
          const v = values[i];
          if (v !== null && v !== undefined) texts.set(f, v);
        });
      }
    }
    return [uids, texts];
  }

  /** The values of `uids` under the hash `key`, in order (null where none), with pipelined HMGETs of READ_CHUNK uids. */
  private async fetchTexts(c: TimedClient, key: string, uids: readonly string[]): Promise<Array<string | null>> {
    const chunks: Array<Promise<unknown>> = [];
    for (let i = 0; i < uids.length; i += READ_CHUNK) chunks.push(c.sendCommand(['HMGET', key, ...uids.slice(i, i + READ_CHUNK)]));
    const out: Array<string | null> = [];
    for (const reply of await Promise.all(chunks)) for (const text of nullableStrList(reply, 'HMGET')) out.push(text);
    return out;
  }

  private forget(): void {
    this.map.clear();
    this.complete.clear();
    this.probed.clear();
    this.absent.clear();
  }

  private assertOpen(): TimedClient {
    if (this.client) return this.client;
    throw new ObjectStoreException(`${String(this)} is closed; connect a new RedisStore with the same storeId to use its data again.`);
  }

  /**
   * Runs `fn` with the open client, translating driver errors into store errors. With
   * `read` (every operation but flush and clear), the storeId's version is taken first if
   * this store has not read it yet.
   */
  private async run<T>(what: string, fn: (c: TimedClient) => Promise<T>, read = true): Promise<T> {
    const client = this.assertOpen();
    try {
      if (read) this.version.beforeRead(client);
      return await fn(client);
    } catch (error) {
      throw translateRedisError(error, `${String(this)} on ${this.target}`, what);
    }
  }

  private writePending(c: TimedClient, full: boolean): Promise<void> {
    return this.writer.write(c, full);
  }

  /** Refuses another object under a tracked uid; true when `obj` itself is tracked there. */
  private refuseTracked(model: string, uid: string, obj: DiffSyncModel): boolean {
    const entry = this.map.get(model, uid);
    if (!entry) return false;
    if (entry.obj === obj) return true;
    throw new ObjectAlreadyExists(`Object ${uid} already present`, entry.obj, obj);
  }

  /** True when this store knows (without asking) that Redis holds no `model` `uid`. */
  private async knownAbsent(c: TimedClient, model: string, uid: string): Promise<boolean> {
    if (this.complete.has(model) || this.absent.get(model)?.has(uid)) return true;
    if (this.probed.has(model)) return false;
    this.probed.add(model);
    const exists = num(await c.sendCommand(['EXISTS', this.keys.data(model)]), 'EXISTS');
    if (!exists) this.complete.add(model);
    return !exists;
  }

  /**
   * The objects of `uids`, in order (undefined where none is stored): tracked ones from
   * the identity map, the others fetched with pipelined HMGETs in one round trip.
   */
  private async lookup(c: TimedClient, ref: ModelRef, model: string, uids: readonly string[]): Promise<Array<DiffSyncModel | undefined>> {
    const out = new Array<DiffSyncModel | undefined>(uids.length).fill(undefined);
    const missing: number[] = [];
    const group = this.map.group(model);
    for (let i = 0; i < uids.length; i++) {
      const uid = uids[i];
      const entry = group?.get(uid);
      if (entry) out[i] = entry.obj;
      else if (!this.map.isDeleted(model, uid)) missing.push(i);
    }
    if (missing.length === 0) return out;
    const key = this.keys.data(model);
    const chunks: Array<Promise<unknown>> = [];
    for (let i = 0; i < missing.length; i += READ_CHUNK) {
      const args = ['HMGET', key];
      for (const at of missing.slice(i, i + READ_CHUNK)) args.push(uids[at]);
      chunks.push(c.sendCommand(args));
    }
    const replies = (await Promise.all(chunks)).map((r) => nullableStrList(r, 'HMGET'));
    let cls: ModelClass | undefined;
    let absent = this.absent.get(model);
    for (let k = 0; k < replies.length; k++) {
      const texts = replies[k];
      for (let i = 0; i < texts.length; i++) {
        const at = missing[k * READ_CHUNK + i];
        const uid = uids[at];
        const text = texts[i];
        // Another call may have tracked (or removed) it while this one waited.
        const entry = this.map.get(model, uid);
        if (entry) out[at] = entry.obj;
        else if (text === null || text === undefined) {
          if (!absent) this.absent.set(model, (absent = new Set()));
          absent.add(uid);
        } else if (!this.map.isDeleted(model, uid)) {
          out[at] = this.track(model, uid, text, (cls ??= this.classFor(model, this.modelClassOf(ref))));
        }
      }
    }
    return out;
  }

  private track(model: string, uid: string, text: string, cls: ModelClass): DiffSyncModel {
    const { obj, snap } = decodePayload(cls, text, this.keys.data(model), uid);
    obj.adapter = this.adapter;
    this.map.track(model, uid, obj, 'stored', snap);
    return obj;
  }

  /**
   * Refuses keys of the wrong Redis type and data written in a newer stored format, and
   * moves a storeId written in format 1 (@diffsync/redis-store 0.1, `diffsync:<storeId>:…`)
   * to the format 2 layout, atomically (see migrate.ts).
   */
  private async checkFormat(): Promise<void> {
    await this.run(
      'connect',
      async (c) => {
        const legacy = new LegacyKeys(this.storeId);
        const checks = [
          [this.keys.meta, 'hash'],
          [this.keys.models, 'zset'],
        ] as const;
        const [metaType, modelsType, legacyType] = await Promise.all(
          [this.keys.meta, this.keys.models, legacy.meta].map(async (k) => str(await c.sendCommand(['TYPE', k]), 'TYPE')),
        );
        [metaType, modelsType].forEach((type, i) => {
          const [key, expected] = checks[i];
          if (type !== 'none' && type !== expected) {
            throw new RedisStoreDecodeError(
              `Redis key '${key}' holds a ${String(type)}, not a ${expected}: it was not written by diffsync; use another storeId or delete the key.`,
            );
          }
        });
        const [format, legacyVersion] = await Promise.all([
          metaType === 'hash' ? c.sendCommand(['HGET', this.keys.meta, 'format']).then((r) => nullableStr(r, 'HGET')) : null,
          legacyType === 'hash' ? c.sendCommand(['HGET', legacy.meta, 'version']).then((r) => nullableStr(r, 'HGET')) : null,
        ]);
        if (format !== null && !(Number(format) <= REDIS_STORE_FORMAT_VERSION)) {
          throw new RedisStoreDecodeError(
            `storeId '${this.storeId}' was written in stored format ${format}; this @diffsync/redis-store reads format ${REDIS_STORE_FORMAT_VERSION}. Upgrade @diffsync/redis-store.`,
          );
        }
        if (legacyVersion === null) return;
        if (format !== null) {
          throw new RedisStoreDecodeError(
            `storeId '${this.storeId}' has data in both key layouts: '${this.keys.meta}' (format ${format}) and the format 1 key '${legacy.meta}', ` +
              'so a process with @diffsync/redis-store 0.1 wrote to it after it was migrated. Upgrade every process using this storeId, ' +
              `then delete the old layout's keys (diffsync:${this.storeId}:meta, :models, and :data:<model> and :order:<model> for each model in :models) ` +
              'and load its data again.',
          );
        }
        await migrateLegacy(c, this.keys, String(this));
      },
      false,
    );
  }

  /** The class that decodes stored `model` data (see BaseStore.decodingClass). */
  private classFor(model: string, fallback: ModelClass | undefined): ModelClass {
    return this.decodingClass(model, fallback, `values under '${this.keys.data(model)}'`);
  }
}
