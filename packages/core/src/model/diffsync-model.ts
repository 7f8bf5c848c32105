import 'reflect-metadata';
import { lazyExclude } from '../lazy-modules';
import { getModelMetadata, registerBaseModelClass } from '../metadata/metadata-builder';
import type { ModelMetadata } from '../metadata/model-metadata';
import { DiffSyncModelFlags, DiffSyncStatus } from '../common/flags';
import { ChildList } from './child-list';
import { jsonWithBigints, toPlainValue, valuesEqual } from '../common/values';
import type { Adapter } from '../forward-types';
import { rememberInit } from './construction-repair';
import type { ModelInit } from './model-types';
import { InvalidArgumentError } from '../errors';
import { validateModel } from './validate-model';

const EMPTY: Readonly<Record<string, unknown>> = Object.freeze({});

type StatusPair = readonly [DiffSyncStatus, string];
/** Status of a model no sync has touched. */
const NO_STATUS: StatusPair = Object.freeze([DiffSyncStatus.SUCCESS, ''] as const);
/** Shared pairs for the statuses the engine and the default hooks set on every model. */
const COMMON_STATUS = new Map<string, Map<string, StatusPair>>();
for (const status of Object.values(DiffSyncStatus)) {
  const byMessage = new Map<string, StatusPair>();
  for (const message of ['', 'Created successfully', 'Updated successfully', 'Deleted successfully']) {
    byMessage.set(message, status === DiffSyncStatus.SUCCESS && message === '' ? NO_STATUS : Object.freeze([status, message] as const));
  }
  COMMON_STATUS.set(status, byMessage);
}

const UNKNOWN_STATUS = COMMON_STATUS.get(DiffSyncStatus.UNKNOWN)?.get('') as StatusPair;

function statusPair(status: DiffSyncStatus, message: string): StatusPair {
  // The syncer resets every destination model to UNKNOWN: no lookup for that one.
  if (message === '' && status === DiffSyncStatus.UNKNOWN) return UNKNOWN_STATUS;
  return COMMON_STATUS.get(status)?.get(message) ?? [status, message];
}

function isPrimitive(value: unknown): boolean {
  return value === null || (typeof value !== 'object' && typeof value !== 'function');
}

/** Options of `toDict()`. */
export interface ToDictOptions {
  /** Omit fields equal to their default, empty child lists and NONE flags. */
  excludeDefaults?: boolean;
}

/** Options of `str()`. */
export interface ModelStrOptions {
  /** Describe the children too, through the adapter (default true). */
  includeChildren?: boolean;
  /** Spaces before each line (default 0). */
  indent?: number;
}

/** Identifier or attribute values keyed by field name. */
export type ValueMap = Record<string, unknown>;

/** The static side of a model class. */
export interface ModelClass<M extends DiffSyncModel = DiffSyncModel> {
  new (init?: object): M;
  /** The instances' prototype. */
  readonly prototype: M;
  /** The model's type name. */
  getType(): string;
  /** The unique id of the object with these identifier values. */
  createUniqueId(ids: ValueMap): string;
  /** `{ childModelName: fieldName }`. */
  getChildrenMapping(): Record<string, string>;
  /** The create hook the sync engine calls (see {@link DiffSyncModel.create}). */
  create(adapter: Adapter, ids: ValueMap, attrs: ValueMap): DiffSyncModel | null | Promise<DiffSyncModel | null>;
}

/** Options of `Model.fromPlain()`. */
export interface FromPlainOptions {
  /** Run the model's class-validator constraints and throw ObjectValidationError when one fails. */
  validate?: boolean;
}

/**
 * Base class of every model. Declare fields with `@Identifier`, `@Attribute`,
 * `@Field` and `@Children`, name the type with `@Model`, and construct with a plain
 * object: `new Device({ name: 'rtr1', role: 'spine' })`.
 *
 * Name the class itself as the first type argument (`class Device extends
 * DiffSyncModel<Device>`) and its constructor accepts only the class's own fields with
 * their types; the optional second one types `this.adapter` (`DiffSyncModel<Device,
 * Inventory>`). Without them the constructor takes any object, as before.
 *
 * Override the static `create` and the instance `update` / `delete` hooks to write
 * changes to the system the adapter mirrors; the defaults only change the store.
 *
 * @example
 * ```ts
 * @Model({ name: 'device', shortname: ['name'] })
 * class Device extends DiffSyncModel<Device> {
 *   @Identifier() site!: string;
 *   @Identifier() name!: string;
 *   @Attribute() role!: string;
 *   @Attribute({ default: [] }) tags!: string[];
 *   @Children('interface') interfaces!: string[];
 *
 *   static override async create(adapter: Adapter, ids: ValueMap, attrs: ValueMap): Promise<Device | null> {
 *     await api.createDevice({ ...ids, ...attrs }); // the remote system
 *     return super.create(adapter, ids, attrs) as Device;
 *   }
 * }
 *
 * const device = new Device({ site: 'ams', name: 'rtr1', role: 'router' });
 * device.getUniqueId(); // 'ams__rtr1'
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export class DiffSyncModel<Self = any, A extends Adapter = Adapter> {
  /** Flags of this instance; defaults to the class's `@Model({ flags })`. */
  modelFlags!: DiffSyncModelFlags;

  /**
   * Backs `adapter`. A field every instance has from its constructor on, so adding the
   * model to a store does not grow the object (a property added later lands in a
   * separate property array: 40 bytes more per model).
   */
  #adapter: Adapter | undefined = undefined;

  /** The adapter that holds this object (never serialised). */
  @lazyExclude()
  get adapter(): A | undefined {
    return this.#adapter as A | undefined;
  }
  /** Set by the adapter (or store) that holds the object. */
  set adapter(value: Adapter | undefined) {
    this.#adapter = value;
  }

  /**
   * The last unique id handed out, so every caller (store keys, child lists, the differ)
   * shares one string instance: hashed once, compared by pointer. Checked against the
   * identifier values on each call, so it never goes stale. Private: invisible to
   * serialisation and equality.
   */
  #uid: string | undefined = undefined;
  /** The first two identifier values #uid was built from: an unchanged model skips the rebuild. */
  #uidA: unknown = undefined;
  #uidB: unknown = undefined;

  /** `[status, message]`; shared constant pairs for the common cases (no per-model allocation). */
  #status: StatusPair = NO_STATUS;

  constructor(init?: ModelInit<Self>) {
    const values = (init ?? EMPTY) as Record<string, unknown>;
    getModelMetadata(new.target).initialise(this as unknown as Record<string, unknown>, values);
    rememberInit(values);
  }

  /**
   * `new this(init)`, typed from the class's own fields whether or not the class names
   * itself as DiffSyncModel's type argument: `Site.of({ name: 'ams', region: 'eu' })`.
   */
  static of<M extends DiffSyncModel>(this: new (init?: never) => M, init: ModelInit<M>): M {
    return new (this as unknown as new (init: unknown) => M)(init);
  }

  /**
   * Build a model from untyped data (JSON, a driver row, a YAML file): the explicit
   * untyped path. Keys that are not declared fields are ignored, as by the constructor;
   * `{ validate: true }` runs the class-validator constraints (adapters created with
   * `validate: true` run them again on `add()`).
   */
  static fromPlain<M extends DiffSyncModel>(this: new (init?: never) => M, plain: unknown, options: FromPlainOptions = {}): M {
    const cls = this as unknown as (new (init: unknown) => M) & { name: string };
    if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
      throw new InvalidArgumentError(
        `${cls.name}.fromPlain needs a plain object of field values, got ${plain === null ? 'null' : Array.isArray(plain) ? 'an array' : typeof plain}.`,
      );
    }
    const model = new cls(plain);
    if (options.validate === true) validateModel(model);
    return model;
  }

  /** The frozen metadata of this model's class. */
  static getMetadata(): ModelMetadata {
    return getModelMetadata(this);
  }

  /** The model's type name (`@Model` name). */
  static getType(): string {
    return getModelMetadata(this).name;
  }

  /** The model's type name (`@Model` name). */
  getType(): string {
    return getModelMetadata(this.constructor).name;
  }

  /** Identifier values joined with "__" in declaration order (`String(v)`). */
  static createUniqueId(ids: ValueMap): string {
    return getModelMetadata(this).uidOf(ids);
  }

  /** `{ childModelName: fieldName }` in declaration order. */
  static getChildrenMapping(): Record<string, string> {
    return { ...getModelMetadata(this).childrenMapping };
  }

  /**
   * Identifier values joined with "__" in declaration order; keys the object in its store.
   */
  getUniqueId(): string {
    const meta = getModelMetadata(this.constructor);
    const self = this as unknown as ValueMap;
    const cached = this.#uid;
    const a = meta.idA(self);
    const b = meta.idB(self);
    if (cached !== undefined && meta.identifiers.length <= 2 && a === this.#uidA && b === this.#uidB && isPrimitive(a) && isPrimitive(b)) {
      // The same primitive identifier values give the same uid.
      return cached;
    }
    const uid = meta.uidOf(self);
    this.#uidA = a;
    this.#uidB = b;
    if (cached !== undefined && cached.length === uid.length && cached === uid) return cached;
    this.#uid = uid;
    return uid;
  }

  /** Shortname fields joined with "__", or the unique id when the model declares none. */
  getShortname(): string {
    return getModelMetadata(this.constructor).shortnameOf(this as unknown as ValueMap);
  }

  /** Identifier values, declaration order. */
  getIdentifiers(): ValueMap {
    return getModelMetadata(this.constructor).identifiersOf(this as unknown as ValueMap);
  }

  /** Attribute values only, declaration order. */
  getAttrs(): ValueMap {
    return getModelMetadata(this.constructor).attrsOf(this as unknown as ValueMap);
  }

  /** Record `child`'s uid in the children field declared for its type. */
  addChild(child: DiffSyncModel): void {
    const meta = getModelMetadata(this.constructor);
    const childType = child.getType();
    const field = meta.childFieldOf.get(childType);
    if (field === undefined) {
      throw ChildList.wrongType('store', childType, meta);
    }
    ChildList.add(this, field.property, field.read(this as unknown as ValueMap), child);
  }

  /** Remove `child`'s uid from the children field declared for its type. */
  removeChild(child: DiffSyncModel): void {
    const meta = getModelMetadata(this.constructor);
    const childType = child.getType();
    const field = meta.childFieldOf.get(childType);
    if (field === undefined) {
      throw ChildList.wrongType('find and delete', childType, meta);
    }
    ChildList.remove(this, field.property, child);
  }

  /** Record the outcome of a CRUD hook (hooks call it; the sync engine reads it). */
  setStatus(status: DiffSyncStatus, message = ''): void {
    this.#status = statusPair(status, message);
  }

  /** The last recorded status and its message. */
  getStatus(): [DiffSyncStatus, string] {
    const [status, message] = this.#status;
    return [status, message];
  }

  /** A plain object of every declared field (plus `modelFlags`). */
  toDict(options: ToDictOptions = {}): Record<string, unknown> {
    const meta = getModelMetadata(this.constructor);
    const self = this as unknown as ValueMap;
    const exclude = options.excludeDefaults === true;
    const out: Record<string, unknown> = {};
    if (!exclude || this.modelFlags !== DiffSyncModelFlags.NONE) out['modelFlags'] = this.modelFlags;
    for (const f of meta.fields) {
      const value = self[f.property];
      if (exclude) {
        if (f.kind === 'children' && Array.isArray(value) && value.length === 0) continue;
        if (value === undefined) continue;
        if (f.hasDefault && valuesEqual(value, f.default)) continue;
      }
      out[f.property] = f.kind === 'children' && Array.isArray(value) ? [...(value as unknown[])] : toPlainValue(value);
    }
    return out;
  }

  /** JSON-ready form with defaults excluded, as diffsync's `json()`. */
  toJSON(): Record<string, unknown> {
    return this.toDict({ excludeDefaults: true });
  }

  /** The unique id. */
  toString(): string {
    return this.getUniqueId();
  }

  /** Multi-line description of the model and (through its adapter) its children. */
  async str(options: ModelStrOptions = {}): Promise<string> {
    const includeChildren = options.includeChildren ?? true;
    const indent = options.indent ?? 0;
    const margin = ' '.repeat(indent);
    const meta = getModelMetadata(this.constructor);
    const self = this as unknown as ValueMap;
    let out = `${margin}${meta.name}: ${this.getUniqueId()}: ${jsonWithBigints(this.getAttrs())}`;
    for (const child of meta.children) {
      const uids = (self[child.property] as string[] | undefined) ?? [];
      out += `\n${margin}  ${child.property}`;
      if (uids.length === 0) {
        out += ': []';
      } else if (!this.adapter || !includeChildren) {
        out += `: ${JSON.stringify(uids)}`;
      } else {
        const found = await this.adapter.store.getMany({ model: child.modelName, uids });
        for (const uid of uids) {
          const obj = found.get(uid);
          out += obj ? '\n' + (await obj.str({ includeChildren, indent: indent + 4 })) : `\n${margin}    ${uid} (ERROR: details unavailable)`;
        }
      }
    }
    return out;
  }

  // ---- CRUD hooks -------------------------------------------------------------

  /** Default create: construct from ids and attrs, set the adapter and status. Does not store it. */
  static createBase(adapter: Adapter, ids: ValueMap, attrs: ValueMap): DiffSyncModel {
    // Object.assign, not `{ ...ids, ...attrs }`: V8 runs a second spread through the
    // runtime, which costs microseconds per model when a sync creates many.
    const model = new (this as unknown as ModelClass)(Object.assign({}, ids, attrs));
    model.adapter = adapter;
    model.setStatus(DiffSyncStatus.SUCCESS, 'Created successfully');
    return model;
  }

  /**
   * Called by the sync engine to create an object in the target system. Return the
   * new model, `null` for a non-fatal failure (its children are skipped), or throw
   * an ObjectCrudException. May be async.
   */
  static create(adapter: Adapter, ids: ValueMap, attrs: ValueMap): DiffSyncModel | null | Promise<DiffSyncModel | null> {
    return this.createBase(adapter, ids, attrs);
  }

  /** Default update: assign the attributes and set the status. */
  updateBase(attrs: ValueMap): this {
    Object.assign(this, attrs);
    this.setStatus(DiffSyncStatus.SUCCESS, 'Updated successfully');
    return this;
  }

  /** Called by the sync engine to update the object; same contract as `create`. */
  update(attrs: ValueMap): this | null | Promise<this | null> {
    return this.updateBase(attrs);
  }

  /** Default delete: only sets the status (the engine removes it from the store). */
  deleteBase(): this {
    this.setStatus(DiffSyncStatus.SUCCESS, 'Deleted successfully');
    return this;
  }

  /** Called by the sync engine to delete the object; same contract as `create`. */
  delete(): this | null | Promise<this | null> {
    return this.deleteBase();
  }
}

registerBaseModelClass(DiffSyncModel);
