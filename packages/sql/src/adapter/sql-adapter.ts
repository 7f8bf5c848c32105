import type { AdapterOptions, Diff, DiffElement, ModelClass, SyncOptions } from '@diffsync/core';
import { Adapter, DiffSyncModel, DiffSyncModelFlags, DiffSyncStatus, InvalidArgumentError } from '@diffsync/core';
import { Connection } from '../connection/connection';
import { rowCodec } from '../rows/row-codec';
import type { SchemaSpec, TableSpec } from '../schema/table-spec';
import { buildSchemaSpec } from '../schema/table-spec';
import type { ColumnValues } from './column-values';
import { columnValues, sameColumnValues } from './column-values';
import { partitionedRows } from './partition-load';

/** Options of the {@link SqlAdapter} constructor: the adapter options plus the connection. */
export interface SqlAdapterOptions extends AdapterOptions {
  /** The database holding the models' tables (see `db.syncSchema(models)`). */
  connection: Connection;
  /**
   * How NULL columns load: `'null'` (default) sets the property to `null`, so a source that
   * holds `null` diffs equal after a sync; `'undefined'` leaves the property unset, as
   * optional TypeScript fields are (a source holding `null` then shows every such field as changed).
   */
  nullAs?: 'undefined' | 'null';
}

/**
 * A model whose `update` is not the default one: its hook may veto (return `null`) with or
 * without touching the object, so what to write is decided by comparing the object's
 * column values before and after the sync.
 */
function hasOwnUpdate(model: ModelClass): boolean {
  return model.prototype.update !== DiffSyncModel.prototype.update || model.prototype.updateBase !== DiffSyncModel.prototype.updateBase;
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

/** What the store held before the sync, read while the diff's objects are still there. */
interface BeforeSync {
  /** Keys (`type\0uid`) of deleted objects whose flags include SKIP_CHILDREN_ON_DELETE. */
  cascading: Set<string>;
  /**
   * Column values (`undefined`: not comparable) of the objects that models with their own
   * `update` hook are asked to update, by `type\0uid`.
   */
  updated: Map<string, ColumnValues | undefined>;
  /** Column properties by model type, for those models. */
  properties: Map<string, readonly string[]>;
  /**
   * Moves: objects (`type\0uid`) the diff deletes under one parent and creates under
   * another, with the element of the parent they are created under.
   */
  moves: Map<string, DiffElement>;
}

interface Changes {
  upserts: Map<string, DiffSyncModel[]>;
  deletes: Map<string, Record<string, unknown>[]>;
}

/**
 * Whether a created or updated object that is in the store after the sync is to be
 * written: a create hook's model is (the engine stored it); an update by the default hook
 * when it succeeded; an update by the model's own hook when its column values changed (a
 * veto that leaves the object as it was writes nothing).
 */
function holdsChange(el: DiffElement, type: string, uid: string, obj: DiffSyncModel, before: BeforeSync): boolean {
  if (el.action === 'create') return true;
  const key = `${type}\u0000${uid}`;
  if (!before.updated.has(key)) return obj.getStatus()[0] === DiffSyncStatus.SUCCESS;
  const then = before.updated.get(key);
  return then === undefined || !sameColumnValues(obj, before.properties.get(type) as readonly string[], then);
}

/**
 * An adapter whose system is a SQL database. `load()` reads each model's table with one
 * query and rebuilds children from `@Children(…, { foreignKey })`. As the target of
 * `syncFrom`, the engine runs as usual (same statuses, flags, callbacks and logs) and the
 * resulting changes are written as bulk upserts and set-based deletes per model type, in
 * one transaction. The tables follow the store: a model that overrides `create`, `update`
 * or `delete` keeps its per-object hook calls, and what the hook leaves in the store (the
 * model it returns, its own or the default's) is written by the same bulk path; a hook
 * that returns `null` leaves the store, and so the table, as it was.
 *
 * @throws `InvalidArgumentError` (from @diffsync/core) from the constructor when `connection` is not the
 * result of {@link connect}; {@link QueryError} from `load` and sync when a statement fails
 * (the sync's transaction rolls back).
 *
 * @example
 * ```ts
 * class Cmdb extends SqlAdapter {
 *   static override models = [Site, Device];
 *   static override topLevel = ['site'];
 * }
 *
 * const db = await connect('postgresql://postgres@127.0.0.1:5432/cmdb');
 * await db.syncSchema(Cmdb.models);                 // create or alter the tables
 * const cmdb = new Cmdb({ connection: db });
 * await cmdb.load();                                  // one query per table
 * await cmdb.syncFrom(netbox);                        // bulk upserts and deletes, one transaction
 * await db.close();
 * ```
 */
export class SqlAdapter extends Adapter {
  /** The database connection the adapter reads and writes. */
  readonly connection: Connection;
  private readonly nullAs: 'undefined' | 'null';
  private schemaCache?: SchemaSpec;

  constructor(options: SqlAdapterOptions) {
    super(options);
    if (!options || !(options.connection instanceof Connection)) {
      throw new InvalidArgumentError(`${new.target.name} needs { connection }: the result of connect(url).`);
    }
    this.connection = options.connection;
    this.nullAs = options.nullAs ?? 'null';
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
    const before = await this.readBeforeSync(diff);
    const result = await super.syncFrom(source, { ...options, diff });
    await this.writeChanges(await this.collectChanges(result, before));
    return result;
  }

  /**
   * Reads, before the sync changes the store: which deleted objects take their subtree with
   * them (SKIP_CHILDREN_ON_DELETE), and the column values of the objects whose model has its
   * own `update` hook (to tell a veto from a change afterwards).
   */
  private async readBeforeSync(diff: Diff): Promise<BeforeSync> {
    const before: BeforeSync = { cascading: new Set(), updated: new Map(), properties: new Map(), moves: new Map() };
    const cascadingUids = new Map<string, string[]>();
    const updatedUids = new Map<string, string[]>();
    const tables = new Map(this.schema.tables.map((t) => [t.meta.name, t]));
    const uidOf = (el: DiffElement) => el.uid ?? this.model(el.type).createUniqueId(el.keys);
    const push = (map: Map<string, string[]>, el: DiffElement) => {
      const list = map.get(el.type) ?? [];
      list.push(uidOf(el));
      map.set(el.type, list);
    };
    // Children deleted and created under different parents: the candidates for moves.
    const deletedChildren = new Set<string>();
    const createdChildren: Array<[DiffElement, DiffElement]> = [];
    const walk = (elements: Iterable<DiffElement>, parent: DiffElement | undefined): void => {
      for (const el of elements) {
        if (el.action === 'delete' && el.hasChildElements) push(cascadingUids, el);
        if (el.action === 'update' && tables.has(el.type) && hasOwnUpdate(this.model(el.type))) push(updatedUids, el);
        if (parent && el.action === 'delete') deletedChildren.add(`${el.type}\u0000${uidOf(el)}`);
        if (parent && el.action === 'create') createdChildren.push([el, parent]);
        if (el.hasChildElements) walk(el.getChildren(), el);
      }
    };
    walk(diff.getChildren(), undefined);
    if (deletedChildren.size > 0) {
      for (const [el, parent] of createdChildren) {
        const key = `${el.type}\u0000${uidOf(el)}`;
        if (deletedChildren.has(key)) before.moves.set(key, parent);
      }
    }
    for (const [type, uids] of cascadingUids) {
      const found = await this.store.getMany({ model: type, uids });
      for (const [uid, obj] of found) {
        if ((obj.modelFlags & DiffSyncModelFlags.SKIP_CHILDREN_ON_DELETE) !== 0) before.cascading.add(`${type}\u0000${uid}`);
      }
    }
    for (const [type, uids] of updatedUids) {
      const properties = (tables.get(type) as TableSpec).columns.map((c) => c.property);
      before.properties.set(type, properties);
      const found = await this.store.getMany({ model: type, uids });
      for (const [uid, obj] of found) before.updated.set(`${type}\u0000${uid}`, columnValues(obj, properties));
    }
    return before;
  }

  /**
   * The writes for the changes that succeeded. A deleted object with SKIP_CHILDREN_ON_DELETE
   * takes its whole subtree with it, as `store.remove({ removeChildren })` does: the engine
   * does not visit those children (no hooks, no statuses), and their rows are deleted with
   * the parent's, so no foreign key is left pointing at a deleted row.
   */
  private async collectChanges(diff: Diff, before: BeforeSync): Promise<Changes> {
    const changes: Changes = { upserts: new Map(), deletes: new Map() };
    const cascading = before.cascading;
    const tables = new Set(this.schema.tables.map((t) => t.meta.name));
    const moved = await this.appliedMoves(before.moves);
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
            if (tables.has(el.type)) {
              const group = byType.get(el.type) ?? [];
              group.push({ el, uid });
              byType.set(el.type, group);
            }
            continue;
          }
        }
        if (el.action !== null && tables.has(el.type)) {
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
          const key = `${type}\u0000${uid}`;
          if (el.action === 'delete') {
            // Still there: the delete failed or was skipped, unless the object was moved (and so created again).
            if (obj && !moved.has(key)) continue;
            addDelete(type, el.keys);
          } else if (el.action === 'create' && before.moves.has(key) && !moved.has(key)) {
            continue; // a move whose delete or create failed: the object stays under its old parent
          } else if (obj && holdsChange(el, type, uid, obj, before)) {
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

  /**
   * The moves that happened: a move's create succeeded when its new parent lists the
   * object (a create only succeeds once the old copy is gone, see the syncer). A move is
   * written as the delete of the old row and the insert of the new one, in the same
   * transaction, as its hooks ran (delete, then create).
   */
  private async appliedMoves(moves: ReadonlyMap<string, DiffElement>): Promise<Set<string>> {
    const applied = new Set<string>();
    if (moves.size === 0) return applied;
    const byParentType = new Map<string, Array<{ key: string; type: string; uid: string; parentUid: string }>>();
    for (const [key, parent] of moves) {
      const [type, uid] = key.split('\u0000') as [string, string];
      const list = byParentType.get(parent.type) ?? [];
      list.push({ key, type, uid, parentUid: parent.uid ?? this.model(parent.type).createUniqueId(parent.keys) });
      byParentType.set(parent.type, list);
    }
    for (const [parentType, list] of byParentType) {
      const mapping = this.model(parentType).getChildrenMapping();
      const parents = await this.store.getMany({ model: parentType, uids: list.map((m) => m.parentUid) });
      for (const { key, type, uid, parentUid } of list) {
        const field = mapping[type];
        const children = field === undefined ? undefined : (parents.get(parentUid) as unknown as Record<string, unknown> | undefined)?.[field];
        if (Array.isArray(children) && children.includes(uid)) applied.add(key);
      }
    }
    return applied;
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
