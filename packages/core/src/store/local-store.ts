import type { DiffSyncModel } from '../model/diffsync-model';
import { ObjectAlreadyExists } from '../errors';
import type { GetArgs } from './base-store';
import { BaseStore } from './base-store';
import { keepShape } from '../common/shape-keeper';
import type { ModelRef } from './model-ref';
import { modelNameOf } from './model-ref';

const DONE: Promise<void> = Promise.resolve();

/** The default store: Maps in memory, insertion order kept. */
export class LocalStore extends BaseStore {
  private readonly data = new Map<string, Map<string, DiffSyncModel>>();
  /** The class of the object added last and its group (cleared by clear()). */
  private lastClass: Function | undefined = undefined;
  private lastGroup: Map<string, DiffSyncModel> | undefined = undefined;

  private group(modelName: string): Map<string, DiffSyncModel> | undefined {
    return this.data.get(modelName);
  }

  async getAllModelNames(): Promise<Iterable<string>> {
    const names: string[] = [];
    for (const [name, group] of this.data) if (group.size > 0) names.push(name);
    return names;
  }

  async get(args: GetArgs): Promise<DiffSyncModel> {
    const [modelName, uid] = this.resolveUid(args.model, args.identifier);
    const obj = this.group(modelName)?.get(uid);
    if (obj === undefined) throw this.notFound(modelName, uid);
    return obj;
  }

  async getAll(args: { model: ModelRef }): Promise<DiffSyncModel[]> {
    const group = this.group(modelNameOf(args.model));
    return group ? Array.from(group.values()) : [];
  }

  async getByUids(args: { uids: readonly string[]; model: ModelRef }): Promise<DiffSyncModel[]> {
    const modelName = modelNameOf(args.model);
    const group = this.group(modelName);
    const out = new Array<DiffSyncModel>(args.uids.length);
    for (let i = 0; i < args.uids.length; i++) {
      const uid = args.uids[i];
      const obj = group?.get(uid);
      if (obj === undefined) throw this.notFound(modelName, uid);
      out[i] = obj;
    }
    return out;
  }

  override async getMany(args: { uids: readonly string[]; model: ModelRef }): Promise<Map<string, DiffSyncModel>> {
    const group = this.group(modelNameOf(args.model));
    const out = new Map<string, DiffSyncModel>();
    if (!group) return out;
    for (const uid of args.uids) {
      const obj = group.get(uid);
      if (obj !== undefined) out.set(uid, obj);
    }
    return out;
  }

  override lookupMany(args: { uids: readonly string[]; model: ModelRef }): Promise<Array<DiffSyncModel | undefined>> {
    const group = this.group(modelNameOf(args.model));
    const uids = args.uids;
    const out = new Array<DiffSyncModel | undefined>(uids.length);
    if (group !== undefined) for (let i = 0; i < uids.length; i++) out[i] = group.get(uids[i]);
    return Promise.resolve(out);
  }

  async removeItem(modelName: string, uid: string): Promise<void> {
    const group = this.group(modelName);
    if (!group || !group.delete(uid)) throw this.notFound(modelName, uid);
  }

  add(args: { obj: DiffSyncModel }): Promise<void> {
    try {
      this.addSync(args.obj);
      return DONE;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  override async addMany(args: { objs: Iterable<DiffSyncModel> }): Promise<void> {
    for (const obj of args.objs) this.addSync(obj);
  }

  private addSync(obj: DiffSyncModel): void {
    const uid = obj.getUniqueId();
    // Loading adds runs of one class: reuse the group found for the previous object.
    let group = obj.constructor === this.lastClass ? this.lastGroup : undefined;
    if (group === undefined) {
      const modelName = obj.getType();
      group = this.data.get(modelName);
      if (group === undefined) {
        group = new Map();
        this.data.set(modelName, group);
      }
      this.lastClass = obj.constructor;
      this.lastGroup = group;
    }
    const existing = group.get(uid);
    if (existing !== undefined) {
      if (existing === obj) return;
      throw new ObjectAlreadyExists(`Object ${uid} already present`, existing, obj);
    }
    if (!obj.adapter) obj.adapter = this.adapter;
    group.set(uid, obj);
  }

  async update(args: { obj: DiffSyncModel }): Promise<void> {
    const obj = args.obj;
    const modelName = obj.getType();
    let group = this.data.get(modelName);
    if (group === undefined) {
      group = new Map();
      this.data.set(modelName, group);
    }
    group.set(obj.getUniqueId(), obj);
  }

  async count(args: { model?: ModelRef } = {}): Promise<number> {
    if (args.model === undefined || args.model === null || args.model === '') {
      let total = 0;
      for (const group of this.data.values()) total += group.size;
      return total;
    }
    return this.group(modelNameOf(args.model))?.size ?? 0;
  }

  /** Drop everything. */
  async clear(): Promise<void> {
    this.data.clear();
    this.lastClass = undefined;
    this.lastGroup = undefined;
  }
}

// Keep the layout of a LocalStore alive between runs (see shape-keeper).
keepShape(new LocalStore());
