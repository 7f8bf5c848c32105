import {
  Adapter,
  AdapterOptions,
  Diff,
  DiffElement,
  DiffSyncModel,
  DiffSyncModelFlags,
  DiffSyncStatus,
  InvalidArgumentError,
  ModelClass,
  SyncOptions,
} from '@diffsync/core';
import { Connection } from '../connection/connection';
import { rowCodec } from '../rows/row-codec';
import { buildSchemaSpec, SchemaSpec } from '../schema/table-spec';
import { partitionedRows } from './partition-load';

export interface SqlAdapterOptions extends AdapterOptions {
  /** The database holding the models' tables (see `db.syncSchema(models)`). */
  connection: Connection;
  /**
   * How NULL columns load: `'undefined'` (default) leaves the property unset, as optional
   * TypeScript fields are; `'null'` sets it to `null`.
   */
  nullAs?: 'undefined' | 'null';
}

/** A model keeps the default CRUD hooks, so its changes can be written in bulk. */
function usesDefaultHooks(model: ModelClass): boolean {
  return (
    model.create === DiffSyncModel.create &&
    model.prototype.update === DiffSyncModel.prototype.update &&
    model.prototype.delete === DiffSyncModel.prototype.delete
  );
}

function groupByType<T extends { el: DiffElement }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(item.el.type) ?? [];
    list.push(item);
    out.set(item.el.type, list);
  }
  return out;
}

interface Changes {
  upserts: Map<string, DiffSyncModel[]>;
  deletes: Map<string, Record<string, unknown>[]>;
}

/**
 * An adapter whose system is a SQL database. `load()` reads each model's table with one
 * query and rebuilds children from `@Children(…, { foreignKey })`. As the target of
 * `syncFrom`, the engine runs as usual (same statuses, flags, callbacks and logs) and the
 * resulting changes are written as bulk upserts and set-based deletes per model type, in
 * one transaction. A model that overrides `create`, `update` or `delete` is left to its hooks.
 */
export class SqlAdapter extends Adapter {
  readonly connection: Connection;
  private readonly nullAs: 'undefined' | 'null';
  private schemaCache?: SchemaSpec;

  constructor(options: SqlAdapterOptions) {
    super(options);
    if (!options || !(options.connection instanceof Connection)) {
      throw new InvalidArgumentError(`${new.target.name} needs { connection }: the result of connect(url).`);
    }
    this.connection = options.connection;
    this.nullAs = options.nullAs ?? 'undefined';
  }

  /** The adapter's models as tables, parents before children. */
  get schema(): SchemaSpec {
    if (!this.schemaCache) this.schemaCache = buildSchemaSpec((this.constructor as typeof Adapter).models);
    return this.schemaCache;
  }

  /** Reads every model's table (one query each) and links children to parents by foreign key. */
  override async load(): Promise<void> {
    const loaded = new Map<string, Map<string, DiffSyncModel>>();
    const rows = partitionedRows(this, this.connection, this.schema); // only the partition's rows, when partitioned
    for (const table of this.schema.tables) {
      const model = table.model;
      const codec = rowCodec(this.connection.sqlDialect, model);
      const byUid = new Map<string, DiffSyncModel>();
      const objects: DiffSyncModel[] = [];
      for await (const obj of rows.stream(table)) {
        if (this.nullAs === 'undefined') {
          const record = obj as unknown as Record<string, unknown>;
          for (const c of codec.columns) if (record[c.property] === null) delete record[c.property];
        }
        objects.push(obj);
        byUid.set(obj.getUniqueId(), obj);
      }
      if (this.store.addMany) await this.store.addMany({ objs: objects });
      else for (const obj of objects) await this.add(obj);
      loaded.set(table.meta.name, byUid);
    }
    // Children: each child row names its parent through the foreign-key fields.
    for (const parentTable of this.schema.tables) {
      const parentMeta = parentTable.meta;
      const parents = loaded.get(parentMeta.name) as Map<string, DiffSyncModel>;
      for (const child of parentMeta.children) {
        if (!child.foreignKey) continue;
        const children = loaded.get(child.modelName);
        if (!children) continue;
        const fk = child.foreignKey;
        for (const obj of children.values()) {
          const record = obj as unknown as Record<string, unknown>;
          const ids: Record<string, unknown> = {};
          let missing = false;
          for (let i = 0; i < fk.length; i++) {
            const v = record[fk[i]];
            if (v === undefined || v === null) missing = true;
            ids[parentMeta.identifiers[i]] = v;
          }
          if (missing) continue;
          const parent = parents.get(parentMeta.uidOf(ids));
          if (parent) parent.addChild(obj);
        }
      }
    }
  }

  /**
   * Applies the diff from `source` through the engine, then writes the changes that
   * succeeded to the database in one transaction. Resolves to the diff.
   */
  override async syncFrom<D extends Diff = Diff>(source: Adapter, options: SyncOptions<D> = {}): Promise<D> {
    const diff = options.diff ?? (await this.diffFrom(source, options));
    const cascading = await this.cascadingDeletes(diff);
    const result = await super.syncFrom(source, { ...options, diff });
    await this.writeChanges(await this.collectChanges(result, cascading));
    return result;
  }

  /**
   * Keys (`type\0uid`) of the objects the diff deletes whose flags include
   * SKIP_CHILDREN_ON_DELETE, read before the sync removes them from the store.
   */
  private async cascadingDeletes(diff: Diff): Promise<Set<string>> {
    const uidsByType = new Map<string, string[]>();
    const walk = (elements: Iterable<DiffElement>): void => {
      for (const el of elements) {
        if (el.action === 'delete' && el.hasChildElements) {
          const list = uidsByType.get(el.type) ?? [];
          list.push(el.uid ?? this.model(el.type).createUniqueId(el.keys));
          uidsByType.set(el.type, list);
        }
        if (el.hasChildElements) walk(el.getChildren());
      }
    };
    walk(diff.getChildren());
    const keys = new Set<string>();
    for (const [type, uids] of uidsByType) {
      const found = await this.store.getMany({ model: type, uids });
      for (const [uid, obj] of found) {
        if ((obj.modelFlags & DiffSyncModelFlags.SKIP_CHILDREN_ON_DELETE) !== 0) keys.add(`${type}\u0000${uid}`);
      }
    }
    return keys;
  }

  /**
   * The writes for the changes that succeeded. A deleted object with SKIP_CHILDREN_ON_DELETE
   * takes its whole subtree with it, as `store.remove({ removeChildren })` does: the engine
   * does not visit those children (no hooks, no statuses), and their rows are deleted with
   * the parent's, so no foreign key is left pointing at a deleted row.
   */
  private async collectChanges(diff: Diff, cascading: ReadonlySet<string>): Promise<Changes> {
    const changes: Changes = { upserts: new Map(), deletes: new Map() };
    const tables = new Set(this.schema.tables.map((t) => t.meta.name));
    const bulk = new Set(this.schema.tables.filter((t) => usesDefaultHooks(t.model)).map((t) => t.meta.name));
    const addDelete = (type: string, keys: Record<string, unknown>) => {
      const list = changes.deletes.get(type) ?? [];
      list.push(keys);
      changes.deletes.set(type, list);
    };
    const cascade = (elements: Iterable<DiffElement>): void => {
      for (const el of elements) {
        if (el.action === 'delete' && tables.has(el.type)) addDelete(el.type, el.keys);
        if (el.hasChildElements) cascade(el.getChildren());
      }
    };
    type Parent = { type: string; keys: Record<string, unknown> } | undefined;
    const visit = async (elements: Iterable<DiffElement>, parent: Parent): Promise<void> => {
      const byType = new Map<string, Array<{ el: DiffElement; uid: string }>>();
      const cascadeCandidates: Array<{ el: DiffElement; uid: string }> = [];
      for (const el of elements) {
        if (el.action === 'delete' && el.hasChildElements && cascading.size > 0) {
          const uid = el.uid ?? this.model(el.type).createUniqueId(el.keys);
          if (cascading.has(`${el.type}\u0000${uid}`)) {
            // Its children are written with it (below), once we know the delete succeeded.
            cascadeCandidates.push({ el, uid });
            if (bulk.has(el.type)) {
              const group = byType.get(el.type) ?? [];
              group.push({ el, uid });
              byType.set(el.type, group);
            }
            continue;
          }
        }
        if (el.action !== null && bulk.has(el.type)) {
          const model = this.model(el.type);
          const uid = el.uid ?? model.createUniqueId(el.keys);
          const group = byType.get(el.type) ?? [];
          group.push({ el, uid });
          byType.set(el.type, group);
        }
        if (el.hasChildElements) await visit(el.getChildren(), { type: el.type, keys: el.keys });
      }
      for (const [type, group] of byType) {
        const link = parent ? this.foreignKeyLink(parent.type, type) : undefined;
        const found = await this.store.getMany({ model: type, uids: group.map((g) => g.uid) });
        for (const { el, uid } of group) {
          const obj = found.get(uid);
          if (el.action === 'delete') {
            if (obj) continue; // the delete failed or was skipped: the object is still there
            addDelete(type, el.keys);
          } else if (obj && obj.getStatus()[0] === DiffSyncStatus.SUCCESS) {
            // The diff tree says who the parent is: its identifiers go into the child's foreign-key fields.
            if (link && parent) {
              const record = obj as unknown as Record<string, unknown>;
              for (let i = 0; i < link.foreignKey.length; i++) record[link.foreignKey[i]] = parent.keys[link.parentIdentifiers[i]];
            }
            const objs = changes.upserts.get(type) ?? [];
            objs.push(obj);
            changes.upserts.set(type, objs);
          }
        }
      }
      for (const [type, group] of groupByType(cascadeCandidates)) {
        const still = await this.store.getMany({ model: type, uids: group.map((g) => g.uid) });
        for (const { el, uid } of group) if (!still.has(uid)) cascade(el.getChildren());
      }
    };
    await visit(diff.getChildren(), undefined);
    return changes;
  }

  private foreignKeyLink(parentType: string, childType: string): { foreignKey: readonly string[]; parentIdentifiers: readonly string[] } | undefined {
    const parent = this.schema.tables.find((t) => t.meta.name === parentType);
    const child = parent?.meta.children.find((c) => c.modelName === childType && c.foreignKey);
    if (!parent || !child?.foreignKey) return undefined;
    return { foreignKey: child.foreignKey, parentIdentifiers: parent.meta.identifiers };
  }

  private async writeChanges(changes: Changes): Promise<void> {
    if (changes.upserts.size === 0 && changes.deletes.size === 0) return;
    const tables = this.schema.tables;
    await this.connection.transaction(async (tx) => {
      for (const table of [...tables].reverse()) {
        const keys = changes.deletes.get(table.meta.name);
        if (keys && keys.length > 0) await tx.delete(table.model, keys);
      }
      for (const table of tables) {
        const objs = changes.upserts.get(table.meta.name);
        if (objs && objs.length > 0) await tx.upsert(table.model, objs);
      }
    });
  }
}

