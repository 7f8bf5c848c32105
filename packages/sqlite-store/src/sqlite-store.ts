import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { DiffSyncModel, GetArgs, ModelClass, ModelRef, Partition, PlainModel, StoreConflictError } from '@diffsync/core';
import { BaseStore, IdentityMap, InvalidArgumentError, checkPartition, ObjectAlreadyExists, ObjectStoreException, modelNameOf } from '@diffsync/core';
import type { SqliteStoreDecodeError } from './errors';
import { storeConflict, translateSqliteError } from './errors';
import { RowParseError, decodeError, decodeRow, parseRow, readSnapshot } from './row-codec';
import type { ModelPending } from './pending';
import { countAfter, encodePending, pendingByModel, pendingOfModel, touchedUids } from './pending';
import { ensureSchema } from './schema';
import { inPartition, registerPartitionFunction } from './partition';
import type { SqliteStoreOptions } from './sqlite-store-options';
import type { ObjectRow } from './statements';
import { Statements } from './statements';

const DEFAULT_BUSY_TIMEOUT_MS = 5000;
const DONE: Promise<void> = Promise.resolve();

/**
 * A persistent store in one SQLite file (better-sqlite3). Objects are kept as JSON
 * rows of one shared table, keyed by a collection id (one per storeId and model) and
 * uid; several stores (and processes) share a file by storeId. Writes are buffered in
 * an identity map and applied in one transaction by `flush()` (which diff and sync
 * call, a sync once at its end) and by nothing else: reads answer from the file plus the
 * pending writes, so a sync that fails half-way has written nothing. Reads fetch whole
 * batches in one query.
 */
export class SqliteStore extends BaseStore {
  /** The SQLite file (`':memory:'` for a private in-memory database). */
  readonly filename: string;
  /** Which store's data in the file this store reads and writes (several share a file by storeId). */
  readonly storeId: string;
  /** How long a write waits for another process's lock before failing with SqliteStoreLockedError. */
  readonly busyTimeoutMs: number;
  private db: Database.Database | undefined;
  private stmts: Statements | undefined;
  private closed = false;
  private readonly map = new IdentityMap();
  /** Models that had no row of this storeId when first checked: add() then needs no lookup. */
  private readonly knownEmpty = new Set<string>();
  /** Collection id of each model of this storeId seen in the file (ids are never reused or changed). */
  private readonly colls = new Map<string, number>();
  /** The storeId's version this store reads from: taken when the file is opened, advanced by each own write. */
  private baseVersion: number | undefined;

  constructor(options: SqliteStoreOptions = {}) {
    super(options);
    const { filename = ':memory:', storeId = randomUUID(), busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS } = options;
    if (typeof filename !== 'string') throw new InvalidArgumentError(`SqliteStore: 'filename' must be a string, got ${String(filename)}.`);
    if (typeof storeId !== 'string' || storeId === '') {
      throw new InvalidArgumentError(`SqliteStore: 'storeId' must be a non-empty string, got ${JSON.stringify(storeId)}.`);
    }
    if (!Number.isInteger(busyTimeoutMs) || busyTimeoutMs < 0) {
      throw new InvalidArgumentError(`SqliteStore: 'busyTimeoutMs' must be a whole number of milliseconds >= 0, got ${String(busyTimeoutMs)}.`);
    }
    this.filename = filename;
    this.storeId = storeId;
    this.busyTimeoutMs = busyTimeoutMs;
  }

  /** The store's name and storeId. */
  override toString(): string {
    return `${this.name} (${this.storeId})`;
  }

  /**
   * The version of this storeId that the store's objects come from (undefined until the file
   * is opened). Every committed write of the storeId, by any store, adds one; a flush is
   * refused with StoreConflictError when the file's version is no longer this one.
   */
  get version(): number | undefined {
    return this.baseVersion;
  }

  /**
   * Forgets every object handed out and every change not flushed yet, and bases the store on
   * the file as it is now. After a StoreConflictError: discard, then load or sync again.
   */
  async discard(): Promise<void> {
    this.guard('discard', (s) => {
      this.map.clear();
      this.knownEmpty.clear();
      this.colls.clear();
      this.baseVersion = this.versionIn(s);
    });
  }

  // ---- reads -------------------------------------------------------------------

  async getAllModelNames(): Promise<Iterable<string>> {
    return this.guard('getAllModelNames', (s) => {
      const names = s.modelNames.all(this.storeId) as string[];
      if (!this.map.hasPendingWrites()) return names;
      const pending = pendingByModel(this.map);
      const out = names.filter((name) => {
        const p = pending.get(name);
        return p === undefined || this.countWith(s, name, p) > 0;
      });
      const listed = new Set(names);
      for (const [name, p] of pending) if (!listed.has(name) && this.countWith(s, name, p) > 0) out.push(name);
      return out;
    });
  }

  async get(args: GetArgs): Promise<DiffSyncModel> {
    const [model, uid] = this.resolveUid(args.model, args.identifier);
    return this.guard(`get ${model} ${uid}`, (s) => {
      const entry = this.map.get(model, uid);
      if (entry) return entry.obj;
      const coll = this.map.isDeleted(model, uid) ? undefined : this.collOf(s, model);
      const row = coll === undefined ? undefined : (s.selectOne.get(coll, uid) as ObjectRow | undefined);
      if (coll === undefined || !row) throw this.notFound(model, uid);
      const [, plain] = this.parse(s, model, coll, row, args.model);
      return this.trackRow(s, model, coll, uid, plain, this.classFor(model, this.modelClassOf(args.model)));
    });
  }

  async getAll(args: { model: ModelRef }): Promise<DiffSyncModel[]> {
    const model = modelNameOf(args.model);
    return this.guard(`getAll ${model}`, (s) => {
      const coll = this.collOf(s, model);
      const pending = pendingOfModel(this.map, model);
      const rows = coll === undefined ? [] : (s.selectAll.all(coll) as ObjectRow[]);
      if (pending) return this.objectsWith(s, args.model, model, coll, rows, pending);
      return this.objectsOf(s, args.model, model, coll as number, rows);
    });
  }

  /**
   * The objects of `model` whose uid falls in `partition`, in getAll order, pending writes
   * included as getAll has them. Only the partition's rows are read and decoded: the query
   * keeps them with the SQL function `diffsync_partition(uid, count)` (core's `partitionOf`)
   * before their data leaves the file.
   */
  override async getAllInPartition(args: { model: ModelRef; partition: Partition }): Promise<DiffSyncModel[]> {
    const model = modelNameOf(args.model);
    const partition = checkPartition(args.partition, `${String(this)}.getAllInPartition(${model})`);
    if (partition.count === 1) return this.getAll(args);
    return this.guard(`getAllInPartition ${model} ${partition.index}/${partition.count}`, (s) => {
      const coll = this.collOf(s, model);
      const pending = pendingOfModel(this.map, model);
      const rows = coll === undefined ? [] : (s.selectPartition.all(coll, partition.count, partition.index) as ObjectRow[]);
      if (pending) return this.objectsWith(s, args.model, model, coll, rows, pending, partition);
      return this.objectsOf(s, args.model, model, coll as number, rows);
    });
  }

  async getByUids(args: { uids: readonly string[]; model: ModelRef }): Promise<DiffSyncModel[]> {
    const model = modelNameOf(args.model);
    return this.guard(`getByUids ${model}`, (s) => {
      this.fetchUids(s, args.model, model, args.uids);
      return args.uids.map((uid) => {
        const entry = this.map.get(model, uid);
        if (!entry) throw this.notFound(model, uid);
        return entry.obj;
      });
    });
  }

  override async getMany(args: { uids: readonly string[]; model: ModelRef }): Promise<Map<string, DiffSyncModel>> {
    const model = modelNameOf(args.model);
    return this.guard(`getMany ${model}`, (s) => {
      this.fetchUids(s, args.model, model, args.uids);
      const out = new Map<string, DiffSyncModel>();
      for (const uid of args.uids) {
        const entry = this.map.get(model, uid);
        if (entry) out.set(uid, entry.obj);
      }
      return out;
    });
  }

  async count(args: { model?: ModelRef } = {}): Promise<number> {
    return this.guard('count', (s) => {
      const ref = args.model;
      if (ref === undefined || ref === null || ref === '') {
        let total = s.countAll.get(this.storeId) as number;
        if (!this.map.hasPendingWrites()) return total;
        for (const [model, p] of pendingByModel(this.map)) total += this.countWith(s, model, p) - this.fileCount(s, model);
        return total;
      }
      const model = modelNameOf(ref);
      const pending = pendingOfModel(this.map, model);
      return pending ? this.countWith(s, model, pending) : this.fileCount(s, model);
    });
  }

  // ---- writes ------------------------------------------------------------------

  /** Not `async`: a loop of adds makes no promise per object (like LocalStore). */
  add(args: { obj: DiffSyncModel }): Promise<void> {
    try {
      this.addSync(args.obj);
      return DONE;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private addSync(obj: DiffSyncModel): void {
    const model = obj.getType();
    const uid = obj.getUniqueId();
    try {
      const s = this.statements();
      const entry = this.map.get(model, uid);
      if (entry) {
        if (entry.obj === obj) return;
        throw new ObjectAlreadyExists(`Object ${uid} already present`, entry.obj, obj);
      }
      if (!this.map.isDeleted(model, uid) && !this.isKnownEmpty(s, model)) {
        const coll = this.collOf(s, model) as number; // not known empty: it has rows
        const row = s.selectOne.get(coll, uid) as ObjectRow | undefined;
        if (row) {
          const [, plain] = this.parse(s, model, coll, row, obj);
          const existing = this.trackRow(s, model, coll, uid, plain, this.classFor(model, obj.constructor as ModelClass));
          throw new ObjectAlreadyExists(`Object ${uid} already present`, existing, obj);
        }
      }
      if (!obj.adapter) obj.adapter = this.adapter;
      this.map.track(model, uid, obj, 'insert');
    } catch (error) {
      throw translateSqliteError(error, this.filename, this.busyTimeoutMs, `add ${model} ${uid}`);
    }
  }

  /**
   * Adds many objects, all of them or (when one is already present) none; like `add`, they
   * are written by the next `flush()`, in its transaction. Objects stored in the file are
   * found with one query per model.
   */
  override async addMany(args: { objs: Iterable<DiffSyncModel> }): Promise<void> {
    this.guard('addMany', (s) => {
      const batch: DiffSyncModel[] = [];
      const inBatch = new Map<string, DiffSyncModel>();
      const byModel = new Map<string, string[]>();
      for (const obj of args.objs) {
        const model = obj.getType();
        const uid = obj.getUniqueId();
        const entry = this.map.get(model, uid);
        const earlier = entry ? entry.obj : inBatch.get(`${model}\u0000${uid}`);
        if (earlier === obj) continue;
        if (earlier) throw new ObjectAlreadyExists(`Object ${uid} already present`, earlier, obj);
        inBatch.set(`${model}\u0000${uid}`, obj);
        batch.push(obj);
        if (this.map.isDeleted(model, uid)) continue;
        let uids = byModel.get(model);
        if (!uids) byModel.set(model, (uids = []));
        uids.push(uid);
      }
      for (const [model, uids] of byModel) {
        if (this.isKnownEmpty(s, model)) continue;
        const coll = this.collOf(s, model) as number; // not known empty: it has rows
        const rows = s.selectUids.all(coll, JSON.stringify(uids)) as ObjectRow[];
        if (rows.length === 0) continue;
        const stored = new Map(rows.map((row) => this.parse(s, model, coll, row, model)));
        const obj = batch.find((o) => o.getType() === model && stored.has(o.getUniqueId())) as DiffSyncModel;
        const uid = obj.getUniqueId();
        const existing = this.trackRow(s, model, coll, uid, stored.get(uid) as PlainModel, this.classFor(model, obj.constructor as ModelClass));
        throw new ObjectAlreadyExists(`Object ${uid} already present`, existing, obj);
      }
      for (const obj of batch) {
        if (!obj.adapter) obj.adapter = this.adapter;
        this.map.track(obj.getType(), obj.getUniqueId(), obj, 'insert');
      }
    });
  }

  async update(args: { obj: DiffSyncModel }): Promise<void> {
    const obj = args.obj;
    const model = obj.getType();
    const uid = obj.getUniqueId();
    this.guard(`update ${model} ${uid}`, () => {
      this.map.upsert(model, uid, obj);
      if (!obj.adapter) obj.adapter = this.adapter;
    });
  }

  async removeItem(modelName: string, uid: string): Promise<void> {
    this.guard(`remove ${modelName} ${uid}`, (s) => {
      const entry = this.map.get(modelName, uid);
      if (entry) {
        this.map.untrack(entry, entry.snap !== undefined || entry.mode === 'upsert');
        return;
      }
      const coll = this.map.isDeleted(modelName, uid) ? undefined : this.collOf(s, modelName);
      if (coll === undefined || !s.exists.get(coll, uid)) throw this.notFound(modelName, uid);
      this.map.markDeleted(modelName, uid);
    });
  }

  /**
   * Writes, in one transaction, pending adds, updates and removals and every handed-out
   * object whose stored form changed; this is the only way anything reaches the file.
   * Every object is encoded before the transaction begins, so a value the codec refuses
   * (UnstorableValueError) writes nothing. On failure nothing is written and the changes
   * stay pending, so the flush can be retried.
   */
  override async flush(): Promise<void> {
    if (!this.db && !this.map.hasPendingWrites()) return;
    this.guard('flush', (s) => this.writePending(s));
  }

  /**
   * Flushes (unless `{ flush: false }`) and closes the file. When the flush fails the
   * store stays open with its changes pending, and the error is thrown.
   */
  override async close(options: { flush?: boolean } = {}): Promise<void> {
    if (this.closed) return;
    if (options.flush !== false) await this.flush();
    this.closed = true;
    this.map.clear();
    this.knownEmpty.clear();
    this.colls.clear();
    this.stmts = undefined;
    const db = this.db;
    this.db = undefined;
    db?.close();
  }

  // ---- internals ---------------------------------------------------------------

  /** Runs `fn` on the open connection, translating driver errors into store errors. */
  private guard<T>(what: string, fn: (s: Statements) => T): T {
    try {
      return fn(this.statements());
    } catch (error) {
      throw translateSqliteError(error, this.filename, this.busyTimeoutMs, what);
    }
  }

  private connection(): Database.Database {
    this.statements();
    return this.db as Database.Database;
  }

  /** Opens the file on first use: WAL mode, schema created or checked, statements prepared. */
  private statements(): Statements {
    if (this.stmts) return this.stmts;
    if (this.closed) throw new ObjectStoreException(`${String(this)} on '${this.filename}' is closed; create a new SqliteStore to use the file again.`);
    let db: Database.Database | undefined;
    try {
      db = new Database(this.filename, { timeout: this.busyTimeoutMs });
      if (this.filename !== ':memory:' && this.filename !== '') db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      ensureSchema(db, this.filename);
      registerPartitionFunction(db);
      const stmts = new Statements(db);
      this.baseVersion = this.versionIn(stmts); // before any object is read
      this.stmts = stmts;
      this.db = db;
      return stmts;
    } catch (error) {
      db?.close();
      throw translateSqliteError(error, this.filename, this.busyTimeoutMs, 'open');
    }
  }

  /**
   * Runs `fn` in one write transaction (BEGIN IMMEDIATE), after checking that no other writer
   * committed to this storeId since this store's base version, and advances the version.
   * When it fails everything it did is rolled back, including collection ids it created, so
   * the cached ids are dropped too; a conflict throws StoreConflictError and writes nothing.
   */
  private write(fn: () => void): void {
    const s = this.statements();
    let next = 0;
    try {
      this.connection()
        .transaction(() => {
          const found = this.versionIn(s);
          if (found !== this.baseVersion) throw this.conflict(found);
          fn();
          next = found + 1;
          s.setStoreVersion.run(this.storeId, next);
        })
        .immediate();
    } catch (error) {
      this.colls.clear();
      this.knownEmpty.clear();
      throw error;
    }
    this.baseVersion = next;
  }

  /** The storeId's version in the file now (0 before its first write). */
  private versionIn(s: Statements): number {
    return (s.storeVersion.get(this.storeId) as number | undefined) ?? 0;
  }

  private conflict(found: number): StoreConflictError {
    return storeConflict(String(this), this.filename, this.storeId, this.baseVersion ?? 0, found);
  }

  /** The collection id of `model` for this storeId, when the file has one. */
  private collOf(s: Statements, model: string): number | undefined {
    const cached = this.colls.get(model);
    if (cached !== undefined) return cached;
    const id = s.collId.get(this.storeId, model) as number | undefined;
    if (id !== undefined) this.colls.set(model, id);
    return id;
  }

  /** The collection id of `model`, created if the file has none; only inside `write()`. */
  private collFor(s: Statements, model: string): number {
    const id = this.collOf(s, model);
    if (id !== undefined) return id;
    const created = Number(s.addColl.run(this.storeId, model).lastInsertRowid);
    this.colls.set(model, created);
    return created;
  }

  /**
   * Applies pending writes and changed handed-out objects in one transaction. Everything is
   * encoded first: a value the codec refuses throws before the transaction begins.
   */
  private writePending(s: Statements): void {
    const { written, texts, snaps, inserted } = encodePending(this.map);
    const deletes = this.map.deletes;
    if (written.length === 0 && deletes.length === 0) {
      this.map.committed([], []); // only cancelled entries were pending: nothing to write
      return;
    }
    this.write(() => {
      for (const [model, uid] of deletes) {
        const coll = this.collOf(s, model);
        if (coll !== undefined) s.remove.run(coll, uid);
      }
      if (inserted > 0) {
        let seq = s.nextSeq.get() as number;
        let lastModel: string | undefined;
        let coll = 0;
        for (let i = 0; i < inserted; i++) {
          const entry = written[i];
          const json = texts[i];
          if (entry.model !== lastModel) coll = this.collFor(s, (lastModel = entry.model));
          if (entry.mode === 'insert') this.insertRow(s, coll, entry.model, entry.uid, seq++, json, entry.obj);
          else s.upsert.run(coll, entry.uid, seq++, json);
        }
        s.setNextSeq.run(seq);
      }
      for (let i = inserted; i < written.length; i++) {
        const entry = written[i];
        s.updateData.run(texts[i], this.collFor(s, entry.model), entry.uid);
      }
    });
    this.map.committed(written, snaps);
  }

  /** Fetched rows of `model` (none pending) as objects: the tracked ones, the others decoded and tracked. */
  private objectsOf(s: Statements, ref: ModelRef, model: string, coll: number, rows: ObjectRow[]): DiffSyncModel[] {
    const out = new Array<DiffSyncModel>(rows.length);
    if (rows.length === 0) return out;
    const group = this.map.group(model);
    const tracked = group !== undefined && group.size > 0 ? group : undefined;
    let cls: ModelClass | undefined;
    for (let i = 0; i < rows.length; i++) {
      const [uid, plain] = this.parse(s, model, coll, rows[i], ref);
      const entry = tracked?.get(uid);
      out[i] = entry ? entry.obj : this.trackRow(s, model, coll, uid, plain, (cls ??= this.classFor(model, this.modelClassOf(ref))));
    }
    return out;
  }

  /**
   * Fetched rows of a model with pending writes `p`, as the flush would leave them, then the
   * new objects (those of `partition` only, when given: the rows are that partition's).
   */
  private objectsWith(
    s: Statements,
    ref: ModelRef,
    model: string,
    coll: number | undefined,
    rows: ObjectRow[],
    p: ModelPending,
    partition?: Partition,
  ): DiffSyncModel[] {
    const out: DiffSyncModel[] = [];
    const listed = new Set<string>();
    let cls: ModelClass | undefined;
    for (const row of rows) {
      const [uid, plain] = this.parse(s, model, coll as number, row, ref);
      if (p.dels.has(uid)) continue; // removed; when added again, it comes last, as the flush writes it
      const entry = this.map.get(model, uid);
      out.push(entry ? entry.obj : this.trackRow(s, model, coll as number, uid, plain, (cls ??= this.classFor(model, this.modelClassOf(ref)))));
      listed.add(uid);
    }
    for (const entry of p.adds) {
      if (listed.has(entry.uid) || (partition !== undefined && !inPartition(entry.uid, partition))) continue;
      out.push(entry.obj);
    }
    return out;
  }

  /** The rows of `model` in the file now. */
  private fileCount(s: Statements, model: string): number {
    const coll = this.collOf(s, model);
    return coll === undefined ? 0 : (s.countModel.get(coll) as number);
  }

  /** The objects of `model` once its pending writes `p` are flushed (one query for the uids they touch). */
  private countWith(s: Statements, model: string, p: ModelPending): number {
    const coll = this.collOf(s, model);
    if (coll === undefined) return countAfter(0, new Set(), p);
    const stored = new Set(s.storedUids.all(coll, JSON.stringify(touchedUids(p))) as string[]);
    return countAfter(s.countModel.get(coll) as number, stored, p);
  }

  /** INSERT one row; a row already in the file becomes ObjectAlreadyExists. */
  private insertRow(s: Statements, coll: number, model: string, uid: string, seq: number, json: string, obj: DiffSyncModel): void {
    try {
      s.insert.run(coll, uid, seq, json);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== 'SQLITE_CONSTRAINT_PRIMARYKEY' && code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
      const row = s.selectOne.get(coll, uid) as ObjectRow | undefined;
      const existing = row
        ? this.decode(s, model, coll, uid, this.parse(s, model, coll, row, obj)[1], this.classFor(model, obj.constructor as ModelClass))
        : obj;
      throw new ObjectAlreadyExists(`Object ${uid} already present`, existing, obj, { cause: error });
    }
  }

  /** Loads the rows of `uids` that are not tracked yet, in one query. */
  private fetchUids(s: Statements, ref: ModelRef, model: string, uids: readonly string[]): void {
    const missing: string[] = [];
    for (const uid of uids) if (!this.map.get(model, uid) && !this.map.isDeleted(model, uid)) missing.push(uid);
    if (missing.length === 0) return;
    const coll = this.collOf(s, model);
    if (coll === undefined) return;
    const rows = s.selectUids.all(coll, JSON.stringify(missing)) as ObjectRow[];
    if (rows.length === 0) return;
    const cls = this.classFor(model, this.modelClassOf(ref));
    for (const row of rows) {
      const [uid, plain] = this.parse(s, model, coll, row, ref);
      if (!this.map.get(model, uid)) this.trackRow(s, model, coll, uid, plain, cls); // fetched: neither tracked nor removed
    }
  }

  /** A fetched row as its uid and parsed data; a row whose data is not a JSON object is a decode error naming it. */
  private parse(s: Statements, model: string, coll: number, row: ObjectRow, ref: ModelRef): [string, PlainModel] {
    try {
      return parseRow(row);
    } catch (error) {
      if (!(error instanceof RowParseError)) throw error;
      throw this.decodeFailure(s, model, coll, error.uid, this.classFor(model, this.modelClassOf(ref)), error.reason);
    }
  }

  private decode(s: Statements, model: string, coll: number, uid: string, plain: PlainModel, cls: ModelClass): DiffSyncModel {
    let obj: DiffSyncModel;
    try {
      obj = decodeRow(cls, plain);
    } catch (error) {
      throw this.decodeFailure(s, model, coll, uid, cls, error);
    }
    obj.adapter = this.adapter;
    return obj;
  }

  private decodeFailure(s: Statements, model: string, coll: number, uid: string, cls: ModelClass, cause: unknown): SqliteStoreDecodeError {
    let seq: number | undefined;
    try {
      seq = s.seqOf.get(coll, uid) as number | undefined;
    } catch {
      seq = undefined; // the message names the row without its number
    }
    return decodeError(cls, cause, { filename: this.filename, storeId: this.storeId, model, uid, seq });
  }

  /** Decodes a fetched row and tracks the object, with `plain` (which it takes over) as its snapshot. */
  private trackRow(s: Statements, model: string, coll: number, uid: string, plain: PlainModel, cls: ModelClass): DiffSyncModel {
    const obj = this.decode(s, model, coll, uid, plain, cls);
    this.map.track(model, uid, obj, 'stored', readSnapshot(obj, plain));
    return obj;
  }

  /** True when the file held no row of `model` for this storeId when first asked (rows added since are tracked). */
  private isKnownEmpty(s: Statements, model: string): boolean {
    if (this.knownEmpty.has(model)) return true;
    const coll = this.collOf(s, model);
    if (coll !== undefined && s.anyOfModel.get(coll) !== undefined) return false;
    this.knownEmpty.add(model);
    return true;
  }

  /** The class that decodes stored `model` data (see BaseStore.decodingClass). */
  private classFor(model: string, fallback: ModelClass | undefined): ModelClass {
    return this.decodingClass(model, fallback, `rows in '${this.filename}'`);
  }
}
