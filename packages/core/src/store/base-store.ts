import type { Adapter } from '../forward-types';
import type { DiffSyncModel, ModelClass, ValueMap } from '../model/diffsync-model';
import { InvalidArgumentError, ObjectNotFound, ObjectStoreException } from '../errors';
import type { Identifier, ModelRef } from './model-ref';
import { isModelInstance, modelNameOf, pyRepr } from './model-ref';
import type { Partition } from '../partition/partition-of';
import { filterInPartition } from '../partition/partition-filter';

/** Options of a store's constructor. */
export interface StoreOptions {
  /** Defaults to the class name. */
  name?: string;
  /** The adapter the store belongs to (set by the Adapter constructor when omitted). */
  adapter?: Adapter;
}

/** Arguments of {@link BaseStore.get}. */
export interface GetArgs {
  /** A model class, instance or name. */
  model: ModelRef;
  /** The unique id string, or a map of the identifier values. */
  identifier: Identifier;
}

/**
 * A store holds an adapter's models by type and unique id. Subclasses implement the
 * abstract primitives; lookups by name plus ids, the get-or/update-or helpers and
 * recursive removal are built on them here. Every method is async so that remote
 * stores fit the same contract.
 */
export abstract class BaseStore {
  /** The store's name (`options.name`, else the class name), used in messages. */
  name: string;
  /** The adapter whose models this store holds; it resolves model names to classes. */
  adapter?: Adapter;

  constructor(options: StoreOptions = {}) {
    this.name = options.name || new.target.name;
    this.adapter = options.adapter;
  }

  /** Names of the model types that hold at least one object. */
  abstract getAllModelNames(): Promise<Iterable<string>>;
  /** One object; ObjectNotFound when absent. */
  abstract get(args: GetArgs): Promise<DiffSyncModel>;
  /** Every object of a type (insertion order for local stores); `[]` for an unknown type. */
  abstract getAll(args: { model: ModelRef }): Promise<DiffSyncModel[]>;
  /** Objects in `uids` order; ObjectNotFound for the first missing uid. */
  abstract getByUids(args: { uids: readonly string[]; model: ModelRef }): Promise<DiffSyncModel[]>;
  /** Remove one object by type name and uid; ObjectNotFound when absent. */
  abstract removeItem(modelName: string, uid: string): Promise<void>;
  /** Add an object; ObjectAlreadyExists when another object has its type and uid. */
  abstract add(args: { obj: DiffSyncModel }): Promise<void>;
  /** Store or replace an object. */
  abstract update(args: { obj: DiffSyncModel }): Promise<void>;
  /** Objects of one type, or of all types. */
  abstract count(args?: { model?: ModelRef }): Promise<number>;

  /**
   * Batch lookup for engines: the objects among `uids` that exist, keyed by uid.
   * The default calls getByUids/get; stores should override it with one round trip.
   */
  async getMany(args: { uids: readonly string[]; model: ModelRef }): Promise<Map<string, DiffSyncModel>> {
    const out = new Map<string, DiffSyncModel>();
    for (const uid of args.uids) {
      if (out.has(uid)) continue;
      const obj = await this.getOrNoneByUid(args.model, uid);
      if (obj) out.set(uid, obj);
    }
    return out;
  }

  /**
   * Batch lookup for engines, in order: for each of `uids`, the stored object or
   * `undefined`. The default builds on getMany; in-memory stores override it to skip
   * the intermediate Map.
   */
  async lookupMany(args: { uids: readonly string[]; model: ModelRef }): Promise<Array<DiffSyncModel | undefined>> {
    const found = await this.getMany(args);
    const out = new Array<DiffSyncModel | undefined>(args.uids.length);
    for (let i = 0; i < args.uids.length; i++) out[i] = found.get(args.uids[i]);
    return out;
  }

  /**
   * The objects of a top-level type whose uid falls in `partition`, in getAll order: what a
   * partitioned diff reads. The default filters getAll; a store holding many objects should
   * override it to read (and build) only the partition's objects.
   */
  async getAllInPartition(args: { model: ModelRef; partition: Partition }): Promise<DiffSyncModel[]> {
    return filterInPartition(await this.getAll({ model: args.model }), args.partition);
  }

  /** Add many objects; stores override it to write in batches. */
  async addMany(args: { objs: Iterable<DiffSyncModel> }): Promise<void> {
    for (const obj of args.objs) await this.add({ obj });
  }

  /** Write changes made to objects handed out by this store (a no-op for local stores). */
  async flush(): Promise<void> {
    /* nothing pending in memory */
  }

  /** Release connections and handles. */
  async close(): Promise<void> {
    /* nothing to release */
  }

  /** The store's name. */
  toString(): string {
    return this.name;
  }

  /**
   * Remove an object (and, with removeChildren, its children recursively, without
   * calling their delete()). A missing child is logged and skipped.
   */
  async remove(args: { obj: DiffSyncModel; removeChildren?: boolean }): Promise<void> {
    const { obj, removeChildren = false } = args;
    const modelName = obj.getType();
    const uid = obj.getUniqueId();
    await this.removeItem(modelName, uid);
    obj.adapter = undefined;
    if (!removeChildren) return;
    const self = obj as unknown as ValueMap;
    for (const [childType, field] of Object.entries((obj.constructor as ModelClass).getChildrenMapping())) {
      for (const childId of [...((self[field] as string[] | undefined) ?? [])]) {
        let child: DiffSyncModel;
        try {
          child = await this.get({ model: childType, identifier: childId });
        } catch (error) {
          if (!(error instanceof ObjectNotFound)) throw error;
          this.adapter?.logger.error('Unable to remove child element as it was not found!', {
            store: String(this),
            childType,
            childId,
            parentType: modelName,
            parentId: uid,
          });
          continue;
        }
        await this.remove({ obj: child, removeChildren });
      }
    }
  }

  /** `[existing, false]`, or a new instance added to the store and `true`. Attrs apply only to a new one. */
  async getOrInstantiate<M extends DiffSyncModel>(args: { model: ModelClass<M>; ids: ValueMap; attrs?: ValueMap }): Promise<[M, boolean]> {
    const existing = await this.getOrNoneByUid(args.model, args.model.createUniqueId(args.ids));
    if (existing) return [existing as M, false];
    const obj = new args.model(Object.assign({}, args.ids, args.attrs));
    await this.addChecked(obj);
    return [obj, true];
  }

  /** `[existing, false]` when an object with obj's type and uid is stored, else adds obj. */
  async getOrAddModelInstance<M extends DiffSyncModel>(args: { obj: M }): Promise<[M, boolean]> {
    const existing = await this.getOrNoneByUid(args.obj.getType(), args.obj.getUniqueId());
    if (existing) return [existing as M, false];
    await this.addChecked(args.obj);
    return [args.obj, true];
  }

  /** Like getOrInstantiate, then sets every attr that differs on the found object. */
  async updateOrInstantiate<M extends DiffSyncModel>(args: { model: ModelClass<M>; ids: ValueMap; attrs: ValueMap }): Promise<[M, boolean]> {
    const [obj, created] = await this.getOrInstantiate(args);
    if (!created) {
      const self = obj as unknown as ValueMap;
      let changed = false;
      for (const [k, v] of Object.entries(args.attrs)) {
        if (self[k] !== v) {
          self[k] = v;
          changed = true;
        }
      }
      if (changed) await this.update({ obj });
    }
    return [obj, created];
  }

  /** Found: copies all of obj's attributes onto the stored object. Else adds obj. */
  async updateOrAddModelInstance<M extends DiffSyncModel>(args: { obj: M }): Promise<[M, boolean]> {
    const existing = await this.getOrNoneByUid(args.obj.getType(), args.obj.getUniqueId());
    if (!existing) {
      await this.addChecked(args.obj);
      return [args.obj, true];
    }
    Object.assign(existing, args.obj.getAttrs());
    await this.update({ obj: existing });
    return [existing as M, false];
  }

  // ---- helpers for subclasses -------------------------------------------------

  /** Add through the adapter when there is one (so its checks run), else directly. */
  protected async addChecked(obj: DiffSyncModel): Promise<void> {
    if (this.adapter) await this.adapter.add(obj);
    else await this.add({ obj });
  }

  /** The object of `model` with unique id `uid`, or undefined when the store has none. */
  protected async getOrNoneByUid(model: ModelRef, uid: string): Promise<DiffSyncModel | undefined> {
    try {
      return await this.get({ model, identifier: uid });
    } catch (error) {
      if (error instanceof ObjectNotFound) return undefined;
      throw error;
    }
  }

  /** The ObjectNotFound every store raises for a missing object (diffsync's message). */
  protected notFound(modelName: string, uid: string): ObjectNotFound {
    return new ObjectNotFound(`${modelName} ${uid} not present in ${String(this)}`);
  }

  /**
   * The class that decodes stored `model` data: the adapter's, else `fallback` (the class
   * the caller named). `where` says where the data is ("rows in 'x.sqlite'"), for the error.
   */
  protected decodingClass(model: string, fallback: ModelClass | undefined, where: string): ModelClass {
    const cls = this.adapter?.modelOrUndefined(model) ?? fallback;
    if (cls) return cls;
    throw new ObjectStoreException(
      this.adapter
        ? `${String(this)}: adapter ${String(this.adapter)} has no model named "${model}", so its ${where} cannot be decoded.`
        : `${String(this)} has no adapter, so it cannot tell which class decodes "${model}" data; pass the store to an adapter first.`,
    );
  }

  /** The class registered for a model reference (undefined for an unknown name). */
  protected modelClassOf(model: ModelRef): ModelClass | undefined {
    if (typeof model === 'string') return this.adapter?.modelOrUndefined(model);
    if (isModelInstance(model)) return model.constructor as ModelClass;
    return model;
  }

  /** Resolve a lookup to `[modelName, uid]`, with diffsync's ValueError message. */
  protected resolveUid(model: ModelRef, identifier: Identifier): [string, string] {
    const modelName = modelNameOf(model);
    if (typeof identifier === 'string') return [modelName, identifier];
    const cls = this.modelClassOf(model);
    if (cls && identifier !== null && typeof identifier === 'object') {
      return [modelName, cls.createUniqueId(identifier)];
    }
    throw new InvalidArgumentError(
      `Invalid args: (${modelName}, ${cls ? cls.name : 'None'}, ${pyRepr(identifier)}): ` +
        `either ${cls ? cls.name : 'None'} should be a class/instance or ${pyRepr(identifier)} should be a str`,
    );
  }
}
