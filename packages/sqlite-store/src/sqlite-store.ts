import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import {
  BaseStore,
  DiffSyncModel,
  GetArgs,
  InvalidArgumentError,
  ModelClass,
  ModelRef,
  ObjectAlreadyExists,
  ObjectNotFound,
  ObjectStoreException,
  modelNameOf,
} from '@diffsync/core';
import { translateSqliteError } from './errors';
import { Entry, IdentityMap } from './identity-map';
import { decodeRow, encodeRow } from './row-codec';
import { ensureSchema } from './schema';
import type { SqliteStoreOptions } from './sqlite-store-options';
import { ObjectRow, Statements } from './statements';

const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/**
 * A persistent store in one SQLite file (better-sqlite3). Objects are kept as JSON
 * rows of one shared table, keyed by storeId, model and uid; several stores (and
 * processes) share a file by storeId. Writes are buffered in an identity map and
 * applied in one transaction by `flush()` (which diff and sync call) or before any
 * query that needs them; reads fetch whole batches in one query.
 */
export class SqliteStore extends BaseStore {
  readonly filename: string;
  readonly storeId: string;
  readonly busyTimeoutMs: number;
  private db: Database.Database | undefined;
  private stmts: Statements | undefined;
  private closed = false;
  private readonly map = new IdentityMap();
  /** Models that had no row of this storeId when first checked: add() then needs no lookup. */
  private readonly knownEmpty = new Set<string>();

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

  override toString(): string {
    return `${this.name} (${this.storeId})`;
  }

  // ---- reads -------------------------------------------------------------------

  async getAllModelNames(): Promise<Iterable<string>> {
    return this.guard('getAllModelNames', (s) => {
      this.writePending(s, false);
      return s.modelNames.all(this.storeId) as string[];
    });
  }

  async get(args: GetArgs): Promise<DiffSyncModel> {
    const [model, uid] = this.resolveUid(args.model, args.identifier);
    return this.guard(`get ${model} ${uid}`, (s) => {
      const entry = this.map.get(model, uid);
      if (entry) return entry.obj;
      const row = this.map.isDeleted(model, uid) ? undefined : (s.selectOne.get(this.storeId, model, uid) as ObjectRow | undefined);
      if (!row) throw this.notFound(model, uid);
      return this.trackRow(model, row, this.classFor(model, this.modelClassOf(args.model)));
    });
  }

  async getAll(args: { model: ModelRef }): Promise<DiffSyncModel[]> {
    const model = modelNameOf(args.model);
    return this.guard(`getAll ${model}`, (s) => {
      this.writePending(s, false);
      const rows = s.selectAll.all(this.storeId, model) as ObjectRow[];
      const out = new Array<DiffSyncModel>(rows.length);
      let cls: ModelClass | undefined;
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i] as ObjectRow;
        const entry = this.map.get(model, row[1]);
        out[i] = entry ? entry.obj : this.trackRow(model, row, (cls ??= this.classFor(model, this.modelClassOf(args.model))));
      }
      return out;
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
      this.writePending(s, false);
      const ref = args.model;
      if (ref === undefined || ref === null || ref === '') return s.countAll.get(this.storeId) as number;
      return s.countModel.get(this.storeId, modelNameOf(ref)) as number;
    });
  }

  // ---- writes ------------------------------------------------------------------

  async add(args: { obj: DiffSyncModel }): Promise<void> {
    const obj = args.obj;
    const model = obj.getType();
    const uid = obj.getUniqueId();
    this.guard(`add ${model} ${uid}`, (s) => {
      const entry = this.map.get(model, uid);
      if (entry) {
        if (entry.obj === obj) return;
        throw new ObjectAlreadyExists(`Object ${uid} already present`, entry.obj, obj);
      }
      if (!this.map.isDeleted(model, uid) && !this.isKnownEmpty(s, model)) {
        const row = s.selectOne.get(this.storeId, model, uid) as ObjectRow | undefined;
        if (row) {
          const existing = this.trackRow(model, row, this.classFor(model, obj.constructor as ModelClass));
          throw new ObjectAlreadyExists(`Object ${uid} already present`, existing, obj);
        }
      }
      if (!obj.adapter) obj.adapter = this.adapter;
      this.map.track(model, uid, obj, 'insert');
    });
  }

  /** Adds many objects in one transaction: all of them, or (on any error) none. */
  override async addMany(args: { objs: Iterable<DiffSyncModel> }): Promise<void> {
    this.guard('addMany', (s) => {
      this.writePending(s, false);
      const batch: DiffSyncModel[] = [];
      const inBatch = new Map<string, DiffSyncModel>();
      for (const obj of args.objs) {
        const model = obj.getType();
        const uid = obj.getUniqueId();
        const entry = this.map.get(model, uid);
        const earlier = entry ? entry.obj : inBatch.get(`${model}\u0000${uid}`);
        if (earlier === obj) continue;
        if (earlier) throw new ObjectAlreadyExists(`Object ${uid} already present`, earlier, obj);
        inBatch.set(`${model}\u0000${uid}`, obj);
        batch.push(obj);
      }
      const texts = new Array<string>(batch.length);
      this.connection()
        .transaction(() => {
          let seq = s.nextSeq.get() as number;
          for (let i = 0; i < batch.length; i++) {
            const obj = batch[i] as DiffSyncModel;
            const model = obj.getType();
            const uid = obj.getUniqueId();
            const json = encodeRow(obj, model, uid);
            this.insertRow(s, model, uid, seq++, json, obj);
            texts[i] = json;
          }
          s.setNextSeq.run(seq);
        })
        .immediate();
      for (let i = 0; i < batch.length; i++) {
        const obj = batch[i] as DiffSyncModel;
        if (!obj.adapter) obj.adapter = this.adapter;
        this.map.track(obj.getType(), obj.getUniqueId(), obj, 'stored', texts[i]);
      }
    });
  }

  async update(args: { obj: DiffSyncModel }): Promise<void> {
    const obj = args.obj;
    const model = obj.getType();
    const uid = obj.getUniqueId();
    this.guard(`update ${model} ${uid}`, () => {
      const entry = this.map.get(model, uid);
      if (entry) {
        entry.obj = obj;
        this.map.queue(entry, 'upsert');
      } else {
        this.map.track(model, uid, obj, 'upsert');
      }
      if (!obj.adapter) obj.adapter = this.adapter;
    });
  }

  async removeItem(modelName: string, uid: string): Promise<void> {
    this.guard(`remove ${modelName} ${uid}`, (s) => {
      const entry = this.map.get(modelName, uid);
      if (entry) {
        this.map.untrack(entry, entry.json !== undefined || entry.mode === 'upsert');
        return;
      }
      if (this.map.isDeleted(modelName, uid) || !s.exists.get(this.storeId, modelName, uid)) throw this.notFound(modelName, uid);
      this.map.markDeleted(modelName, uid);
    });
  }

  /**
   * Writes, in one transaction, pending adds, updates and removals and every handed-out
   * object whose stored form changed. On failure nothing is written and the changes stay
   * pending, so the flush can be retried.
   */
  override async flush(): Promise<void> {
    if (!this.db && !this.map.hasPendingWrites()) return;
    this.guard('flush', (s) => this.writePending(s, true));
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
      this.stmts = new Statements(db);
      this.db = db;
      return this.stmts;
    } catch (error) {
      db?.close();
      throw translateSqliteError(error, this.filename, this.busyTimeoutMs, 'open');
    }
  }

  /** Applies pending writes (and, when `full`, changed handed-out objects) in one transaction. */
  private writePending(s: Statements, full: boolean): void {
    if (!full && !this.map.hasPendingWrites()) return;
    const written: Array<[Entry, string]> = [];
    const storeId = this.storeId;
    this.connection()
      .transaction(() => {
        for (const [model, uid] of this.map.deletes) s.remove.run(storeId, model, uid);
        let seq = s.nextSeq.get() as number;
        for (const entry of this.map.pending) {
          if (entry.cancelled) continue;
          const json = encodeRow(entry.obj, entry.model, entry.uid);
          if (entry.mode === 'insert') this.insertRow(s, entry.model, entry.uid, seq++, json, entry.obj);
          else s.upsert.run(storeId, entry.model, entry.uid, seq++, json);
          written.push([entry, json]);
        }
        if (this.map.pending.length > 0) s.setNextSeq.run(seq);
        if (!full) return;
        for (const entry of this.map.entries()) {
          if (entry.mode !== 'stored' || entry.json === undefined) continue;
          const json = encodeRow(entry.obj, entry.model, entry.uid);
          if (json === entry.json) continue;
          s.updateData.run(json, storeId, entry.model, entry.uid);
          written.push([entry, json]);
        }
      })
      .immediate();
    this.map.committed(written);
  }

  /** INSERT one row; a row already in the file becomes ObjectAlreadyExists. */
  private insertRow(s: Statements, model: string, uid: string, seq: number, json: string, obj: DiffSyncModel): void {
    try {
      s.insert.run(this.storeId, model, uid, seq, json);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== 'SQLITE_CONSTRAINT_PRIMARYKEY' && code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
      const row = s.selectOne.get(this.storeId, model, uid) as ObjectRow | undefined;
      const existing = row ? this.decode(model, row, this.classFor(model, obj.constructor as ModelClass)) : obj;
      throw new ObjectAlreadyExists(`Object ${uid} already present`, existing, obj, { cause: error });
    }
  }

  /** Loads the rows of `uids` that are not tracked yet, in one query. */
  private fetchUids(s: Statements, ref: ModelRef, model: string, uids: readonly string[]): void {
    this.writePending(s, false);
    const missing: string[] = [];
    for (const uid of uids) if (!this.map.get(model, uid)) missing.push(uid);
    if (missing.length === 0) return;
    const rows = s.selectUids.all(this.storeId, model, JSON.stringify(missing)) as ObjectRow[];
    if (rows.length === 0) return;
    const cls = this.classFor(model, this.modelClassOf(ref));
    for (const row of rows) if (!this.map.get(model, row[1])) this.trackRow(model, row, cls);
  }

  private decode(model: string, row: ObjectRow, cls: ModelClass): DiffSyncModel {
    const [seq, uid, data] = row;
    const obj = decodeRow(cls, data, { filename: this.filename, storeId: this.storeId, model, uid, seq });
    obj.adapter = this.adapter;
    return obj;
  }

  private trackRow(model: string, row: ObjectRow, cls: ModelClass): DiffSyncModel {
    const obj = this.decode(model, row, cls);
    this.map.track(model, row[1], obj, 'stored', row[2]);
    return obj;
  }

  /** The class that decodes rows of `model`: the adapter's, else the one the caller named. */
  private classFor(model: string, fallback: ModelClass | undefined): ModelClass {
    const cls = this.adapter?.modelOrUndefined(model) ?? fallback;
    if (cls) return cls;
    throw new ObjectStoreException(
      this.adapter
        ? `${String(this)}: adapter ${String(this.adapter)} has no model named "${model}", so its rows in '${this.filename}' cannot be decoded.`
        : `${String(this)} has no adapter, so it cannot tell which class decodes "${model}" rows; pass the store to an adapter first.`,
    );
  }

  /** True when the file held no row of `model` for this storeId when first asked (rows added since are tracked). */
  private isKnownEmpty(s: Statements, model: string): boolean {
    if (this.knownEmpty.has(model)) return true;
    if (s.anyOfModel.get(this.storeId, model) !== undefined) return false;
    this.knownEmpty.add(model);
    return true;
  }

  private notFound(model: string, uid: string): ObjectNotFound {
    return new ObjectNotFound(`${model} ${uid} not present in ${String(this)}`);
  }
}
