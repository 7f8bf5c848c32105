import type { DiffSyncModel, ModelClass, ValueMap } from '../model/diffsync-model';
import { BaseStore } from '../store/base-store';
import { LocalStore } from '../store/local-store';
import type { Identifier, ModelRef } from '../store/model-ref';
import type { SyncLogger } from '../logging/sync-logger';
import { getDefaultLogger } from '../logging/sync-logger';
import type { DiffSyncFlags } from '../common/flags';
import type { AdapterRegistry } from './adapter-registry';
import { getAdapterRegistry } from './adapter-registry';
import { checkModelInstance } from './instance-checks';
import { validateModel } from '../model/validate-model';
import type { AdapterOptions } from './adapter-options';
import type { DiffOptions, SyncOptions } from '../sync/sync-options';
import { InvalidArgumentError, ObjectNotFound } from '../errors';
import type { Diff } from '../diff/diff';
import { calculateDiff } from '../sync/differ';
import { performSync } from '../sync/syncer';
import type { TreeNode } from './tree';
import { treeString, buildTree } from './tree';
import { keepExemplar } from '../common/shape-keeper';
import type { Partition } from '../partition/partition-of';
import { checkPartition } from '../partition/partition-of';
import { uidInPartition } from '../partition/partition-scope';

/**
 * One system's view of the shared model. Subclass it, list the models and the
 * top-level types, and implement `load()` with `await this.add(...)`.
 *
 * @throws {@link AdapterDefinitionError} from the constructor when the class's `models` or
 * `topLevel` are invalid; {@link InvalidArgumentError} when `options.store` is not a store.
 *
 * @example
 * ```ts
 * class Inventory extends Adapter {
 *   static models = [Device, Interface];
 *   static topLevel = ['device'];
 *
 *   async load(): Promise<void> {
 *     const device = new Device({ name: 'rtr1', role: 'router' });
 *     await this.add(device);
 *   }
 * }
 *
 * const source = new Inventory({ name: 'netbox' });
 * const target = new Inventory({ name: 'lab' });
 * await source.load();
 * await target.load();
 * const diff = await target.syncFrom(source); // target now matches source
 * console.log(diff.summary());
 * ```
 */
export class Adapter {
  /** Model classes this adapter knows, registered by their `@Model` name. */
  static models: readonly ModelClass[] = [];
  /** Model names (or classes) where diff and sync start; order is diff/sync order. */
  static topLevel: ReadonlyArray<string | ModelClass> = [];
  /** Type label; defaults to the class name. */
  static type?: string;

  /** Type label of this adapter: the class's `static type`, else its class name. */
  readonly type: string;
  /** Instance name (`options.name`, else the type); used in diffs and log lines. */
  readonly name: string;
  /** The store holding this adapter's objects (a LocalStore unless `options.store` says otherwise). */
  readonly store: BaseStore;
  /** The logger diff and sync events of this adapter go to. */
  logger: SyncLogger;
  /** Run class-validator constraints on add()/update(). */
  validate: boolean;
  /** The partition of the top-level objects this adapter holds; undefined when it holds them all. */
  readonly partition: Partition | undefined;

  constructor(options: AdapterOptions = {}) {
    const cls = new.target;
    getAdapterRegistry(cls); // definition errors surface at first construction
    this.type = cls.type ?? cls.name;
    this.name = options.name || this.type;
    this.logger = options.logger ?? getDefaultLogger();
    this.validate = options.validate === true;
    this.partition = options.partition === undefined ? undefined : checkPartition(options.partition, `${cls.name} options`);
    const store = options.store ?? LocalStore;
    if (store instanceof BaseStore) {
      this.store = store;
      store.adapter = this;
    } else if (typeof store === 'function') {
      this.store = new store({ adapter: this });
      this.store.adapter = this;
    } else {
      throw new InvalidArgumentError(`${cls.name}: 'store' must be a BaseStore instance or class, got ${String(store)}.`);
    }
    // Keep this class's layout alive between syncs (see model/shape-keeper). The exemplar
    // runs only Adapter's own constructor, with an empty LocalStore, never the subclass's:
    // no user code runs, and a subclass that adds fields keeps the layout up to ours.
    keepExemplar(cls, () => Reflect.construct(Adapter, [{ store: new LocalStore() }], cls));
  }

  /**
   * Replace this adapter's store: for integrations (such as @diffsync/nestjs) that build
   * adapters without constructor options. Do it before loading.
   */
  attachStore(store: BaseStore): void {
    (this as { store: BaseStore }).store = store;
    store.adapter = this;
  }

  /** The validated registry of this adapter's class. */
  get registry(): AdapterRegistry {
    return getAdapterRegistry(this.constructor);
  }

  /** Top-level model names in diff/sync order. */
  get topLevel(): readonly string[] {
    return this.registry.topLevel;
  }

  /** The model class registered under `name`. */
  model<M extends DiffSyncModel = DiffSyncModel>(name: string): ModelClass<M> {
    const cls = this.registry.byName.get(name);
    if (!cls) {
      throw new InvalidArgumentError(`${this.constructor.name} has no model named "${name}"; its models are [${[...this.registry.byName.keys()].join(', ')}].`);
    }
    return cls as unknown as ModelClass<M>;
  }

  /** The model class registered under `name`, or undefined. */
  modelOrUndefined(name: string): ModelClass | undefined {
    return this.registry.byName.get(name);
  }

  /** The adapter's name. */
  toString(): string {
    return this.type !== this.name ? `${this.type} "${this.name}"` : this.type;
  }

  /**
   * True when the top-level object of model `model` with this uid (or these identifiers)
   * belongs to the adapter's partition, or when the adapter is not partitioned. `load()`
   * uses it to skip other partitions' objects, and their subtrees, before building them.
   */
  inPartition(model: ModelClass | DiffSyncModel | string, uidOrIds: string | ValueMap): boolean {
    const name = typeof model === 'string' ? model : model?.getType?.();
    if (typeof name !== 'string' || !this.topLevel.includes(name)) {
      throw new InvalidArgumentError(
        `${this.constructor.name}.inPartition: ${typeof name === 'string' ? `"${name}"` : String(model)} is not a top-level model; ` +
          `partitions are decided by top-level objects only (topLevel: [${this.topLevel.join(', ')}]).`,
      );
    }
    const partition = this.partition;
    if (partition === undefined) return true;
    if (typeof uidOrIds === 'string') return uidInPartition(uidOrIds, partition);
    if (uidOrIds === null || typeof uidOrIds !== 'object') {
      throw new InvalidArgumentError(`${this.constructor.name}.inPartition: give a uid string or an identifiers object, got ${String(uidOrIds)}.`);
    }
    return uidInPartition(this.model(name).createUniqueId(uidOrIds), partition);
  }

  /**
   * Read the system into the store. Override it; a subclass's `load` may take arguments
   * (`load(count: number)`), though integrations such as @diffsync/nestjs call it with none:
   * options the loading needs are better given to the adapter's constructor.
   */
  async load(..._args: unknown[]): Promise<void> {
    /* no-op by default */
  }

  // ---- store access ------------------------------------------------------------

  /** Add an object (checks its definition, and its class-validator constraints when `validate`). */
  add(obj: DiffSyncModel): Promise<void> {
    try {
      checkModelInstance(obj);
      if (this.validate) validateModel(obj);
      return this.store.add({ obj });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Store or replace an object. */
  async update(obj: DiffSyncModel): Promise<void> {
    checkModelInstance(obj);
    if (this.validate) validateModel(obj);
    await this.store.update({ obj });
  }

  /**
   * Remove an object (and, with `removeChildren`, its children recursively).
   *
   * @param obj - The object to remove.
   * @param options - `removeChildren: true` also removes the children it lists.
   * @throws {@link ObjectNotFound} when the object is not in the store.
   */
  async remove(obj: DiffSyncModel, options: { removeChildren?: boolean } = {}): Promise<void> {
    await this.store.remove({ obj, removeChildren: options.removeChildren ?? false });
  }

  /**
   * The object of `model` with `identifier` (its unique id, or a map of its identifiers).
   *
   * @param model - A model class, an instance of it, or its name.
   * @param identifier - The unique id string or the identifier values.
   * @throws {@link ObjectNotFound} when there is no such object.
   */
  async get<M extends DiffSyncModel = DiffSyncModel>(model: ModelClass<M> | M | string, identifier: Identifier): Promise<M> {
    return (await this.store.get({ model: model as ModelRef, identifier })) as M;
  }

  /** Like {@link Adapter.get}, but `null` when there is no such object. */
  async getOrNone<M extends DiffSyncModel = DiffSyncModel>(model: ModelClass<M> | M | string, identifier: Identifier): Promise<M | null> {
    try {
      return (await this.store.get({ model: model as ModelRef, identifier })) as M;
    } catch (error) {
      if (error instanceof ObjectNotFound) return null;
      throw error;
    }
  }

  /** Every object of `model` (a class, an instance or a name), in store order. */
  async getAll<M extends DiffSyncModel = DiffSyncModel>(model: ModelClass<M> | M | string): Promise<M[]> {
    return (await this.store.getAll({ model: model as ModelRef })) as M[];
  }

  /**
   * The objects of `model` with these unique ids.
   *
   * @throws {@link ObjectNotFound} when one of the ids is missing.
   */
  async getByUids<M extends DiffSyncModel = DiffSyncModel>(uids: readonly string[], model: ModelClass<M> | M | string): Promise<M[]> {
    return (await this.store.getByUids({ uids, model: model as ModelRef })) as M[];
  }

  /** Names of the models that have at least one object in the store. */
  async getAllModelNames(): Promise<Iterable<string>> {
    return this.store.getAllModelNames();
  }

  /** How many objects the store holds, of `model` or of every model. */
  async count(model?: ModelRef): Promise<number> {
    return this.store.count({ model });
  }

  /**
   * The object with `ids`, or a new one built from `ids` and `attrs` and added.
   *
   * @returns The object and `true` when it was created.
   */
  async getOrInstantiate<M extends DiffSyncModel>(model: ModelClass<M>, ids: ValueMap, attrs?: ValueMap): Promise<[M, boolean]> {
    return this.store.getOrInstantiate({ model, ids, attrs });
  }

  /**
   * The stored object with `obj`'s unique id, or `obj` after adding it.
   *
   * @returns The object and `true` when `obj` was added.
   */
  async getOrAddModelInstance<M extends DiffSyncModel>(obj: M): Promise<[M, boolean]> {
    return this.store.getOrAddModelInstance({ obj });
  }

  /**
   * Update the object with `ids` with `attrs`, or create and add it.
   *
   * @returns The object and `true` when it was created.
   */
  async updateOrInstantiate<M extends DiffSyncModel>(model: ModelClass<M>, ids: ValueMap, attrs: ValueMap): Promise<[M, boolean]> {
    return this.store.updateOrInstantiate({ model, ids, attrs });
  }

  /**
   * Replace the stored object with `obj`'s unique id by `obj`, or add it.
   *
   * @returns The object and `true` when it was added.
   */
  async updateOrAddModelInstance<M extends DiffSyncModel>(obj: M): Promise<[M, boolean]> {
    return this.store.updateOrAddModelInstance({ obj });
  }

  /** Write pending changes of objects handed out by the store (remote stores). */
  async flush(): Promise<void> {
    await this.store.flush();
  }

  // ---- conversion --------------------------------------------------------------

  /** `{ modelName: { uid: obj.toDict() } }`; defaults excluded unless `excludeDefaults: false`. */
  async toDict(options: { excludeDefaults?: boolean } = {}): Promise<Record<string, Record<string, Record<string, unknown>>>> {
    const excludeDefaults = options.excludeDefaults ?? true;
    const out: Record<string, Record<string, Record<string, unknown>>> = {};
    for (const name of await this.store.getAllModelNames()) {
      const group: Record<string, Record<string, unknown>> = {};
      for (const obj of await this.store.getAll({ model: name })) group[obj.getUniqueId()] = obj.toDict({ excludeDefaults });
      out[name] = group;
    }
    return out;
  }

  /** Add every object of a `toDict()` result (types the adapter does not know are ignored). */
  async loadFromDict(data: Record<string, Record<string, Record<string, unknown>>>): Promise<void> {
    for (const name of this.registry.initialOrder) {
      const cls = this.model(name);
      for (const values of Object.values(data[name] ?? {})) await this.add(new cls(values));
    }
  }

  /** Multi-line description of the top-level objects and their children. */
  async str(indent = 0): Promise<string> {
    const margin = ' '.repeat(indent);
    const blocks: string[] = [];
    for (const name of this.topLevel) {
      const objs = await this.store.getAll({ model: name });
      if (objs.length === 0) {
        blocks.push(`${margin}${name}: []`);
        continue;
      }
      const lines = [`${margin}${name}`];
      for (const obj of objs) lines.push(await obj.str({ indent: indent + 2 }));
      blocks.push(lines.join('\n'));
    }
    return blocks.join('\n');
  }

  /** The model hierarchy as a tree string (or a nested object with `asDict`). */
  static getTreeTraversal(options: { asDict: true }): TreeNode;
  static getTreeTraversal(options?: { asDict?: false }): string;
  static getTreeTraversal(options: { asDict?: boolean } = {}): string | TreeNode {
    const registry = getAdapterRegistry(this);
    const tree = buildTree(registry);
    return options.asDict ? tree : treeString(tree, this.name);
  }

  // ---- diff and sync -----------------------------------------------------------

  /** The diff that would make this adapter like `source` ("+" = source, "-" = this). */
  async diffFrom<D extends Diff = Diff>(source: Adapter, options: DiffOptions<D> = {}): Promise<D> {
    return calculateDiff(source, this, options);
  }

  /** `target.diffFrom(this)`. */
  async diffTo<D extends Diff = Diff>(target: Adapter, options: DiffOptions<D> = {}): Promise<D> {
    return target.diffFrom(this, options);
  }

  /** Make this adapter (and its system, through the CRUD hooks) like `source`. Returns the applied diff. */
  async syncFrom<D extends Diff = Diff>(source: Adapter, options: SyncOptions<D> = {}): Promise<D> {
    return performSync(source, this, options);
  }

  /** `target.syncFrom(this)`: the target is modified. */
  async syncTo<D extends Diff = Diff>(target: Adapter, options: SyncOptions<D> = {}): Promise<D> {
    return target.syncFrom(this, options);
  }

  /** Called on the destination after a sync that attempted at least one change. */
  syncComplete(_source: Adapter, _diff: Diff, _flags: DiffSyncFlags, _logger: SyncLogger): void | Promise<void> {
    /* hook */
  }
}

/** The class under another name: inside the block below, `Adapter` is forward-types' own alias. */
type AdapterClass = Adapter;

declare module '../forward-types' {
  /** Names the Adapter class for the modules it imports (models, stores, the diff and sync engines). */
  interface ForwardTypes {
    Adapter: AdapterClass;
  }
}
