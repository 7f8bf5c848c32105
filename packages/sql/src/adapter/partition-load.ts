import { partitionOf } from '@diffsync/core';
import type { Partition, Adapter, DiffSyncModel } from '@diffsync/core';
import type { Connection } from '../connection/connection';
import type { Row } from '../session/driver';
import type { RowCodec } from '../rows/row-codec';
import { codecFor, rowCodec } from '../rows/row-codec';
import type { SchemaSpec, TableSpec } from '../schema/table-spec';

/** A foreign-key link from a child row to its parent's uid. */
interface ParentLink {
  readonly parent: string;
  /** Result-row column names of the child's foreign-key fields, in the parent's identifier order. */
  readonly columns: readonly string[];
  readonly convert: ReadonlyArray<(value: unknown) => unknown>;
  readonly parentIdentifiers: readonly string[];
  readonly parentUidOf: (values: Record<string, unknown>) => string;
}

/** How one table is read under a partition. */
type Plan =
  | { readonly kind: 'all' }
  | {
      readonly kind: 'partitioned';
      /** A top-level model: a row whose own uid falls in the partition is kept. */
      readonly topLevel: boolean;
      /** A row whose parent (through one of these links) was kept is kept too. */
      readonly parents: readonly ParentLink[];
      /** Kept uids are recorded for children tables. */
      readonly recordKept: boolean;
    };

/**
 * Reads the tables of a partitioned SqlAdapter without building (or keeping) other
 * partitions' models: rows are streamed, and a row is turned into a model only when it
 * belongs to the partition — a top-level row whose uid falls in it, or a child row whose
 * foreign key names a parent row that was kept (tables come parents first). Only the kept
 * uids of parent tables are held. A table that no top-level table reaches through
 * `@Children(…, { foreignKey })` links (or that sits on a foreign-key cycle) belongs to no
 * partition and is read whole.
 */
export class PartitionedRows {
  private readonly plans = new Map<string, Plan>();
  private readonly kept = new Map<string, Set<string>>();

  constructor(
    private readonly connection: Connection,
    private readonly schema: SchemaSpec,
    private readonly topLevel: readonly string[],
    private readonly partition: Partition | undefined,
  ) {
    if (partition !== undefined) this.plan();
  }

  /** The rows of `table` that belong to the partition (every row when there is none), as models. */
  stream(table: TableSpec): AsyncIterable<DiffSyncModel> {
    const plan = this.plans.get(table.meta.name);
    if (this.partition === undefined || plan === undefined || plan.kind === 'all') return this.connection.selectStream(table.model);
    return this.filtered(table, plan, this.partition);
  }

  private plan(): void {
    const byName = new Map(this.schema.tables.map((t) => [t.meta.name, t]));
    const parentsOf = new Map<string, Array<{ parent: TableSpec; foreignKey: readonly string[] }>>();
    const hasChildren = new Set<string>();
    for (const parent of this.schema.tables) {
      for (const child of parent.meta.children) {
        if (!child.foreignKey || !byName.has(child.modelName)) continue;
        const list = parentsOf.get(child.modelName) ?? [];
        list.push({ parent, foreignKey: child.foreignKey });
        parentsOf.set(child.modelName, list);
        hasChildren.add(parent.meta.name);
      }
    }
    for (const table of this.schema.tables) {
      const name = table.meta.name;
      const topLevel = this.topLevel.includes(name);
      const links = parentsOf.get(name) ?? [];
      // A parent read whole, or not planned yet (a cycle), cannot filter this table.
      const unfiltered = links.some(({ parent }) => this.plans.get(parent.meta.name)?.kind !== 'partitioned');
      if (unfiltered || (!topLevel && links.length === 0)) {
        this.plans.set(name, { kind: 'all' });
        continue;
      }
      const codec = rowCodec(this.connection.sqlDialect, table.model);
      const parents = links.map(({ parent, foreignKey }): ParentLink => {
        const indexes = foreignKey.map((property) => codec.columns.findIndex((c) => c.property === property));
        return {
          parent: parent.meta.name,
          columns: indexes.map((i) => codec.columns[i].name),
          convert: indexes.map((i) => codec.results[i]),
          parentIdentifiers: parent.meta.identifiers,
          parentUidOf: parent.meta.uidOf,
        };
      });
      this.plans.set(name, { kind: 'partitioned', topLevel, parents, recordKept: hasChildren.has(name) });
      if (hasChildren.has(name)) this.kept.set(name, new Set());
    }
  }

  private async *filtered(table: TableSpec, plan: Extract<Plan, { kind: 'partitioned' }>, partition: Partition): AsyncGenerator<DiffSyncModel> {
    const codec = await codecFor(this.connection.session, table.model);
    const meta = table.meta;
    const keyIndexes = meta.identifiers.map((property) => codec.columns.findIndex((c) => c.property === property));
    const kept = this.kept.get(meta.name);
    const parentSets = plan.parents.map((link) => this.kept.get(link.parent) as Set<string>);
    const ids: Record<string, unknown> = {};
    const uidOfRow = (row: Row): string => {
      for (const i of keyIndexes) ids[codec.columns[i].property] = codec.results[i](row[codec.columns[i].name]);
      return meta.uidOf(ids);
    };
    const parentKept = (row: Row): boolean => {
      for (let p = 0; p < plan.parents.length; p++) {
        const link = plan.parents[p];
        const parentIds: Record<string, unknown> = {};
        let missing = false;
        for (let i = 0; i < link.columns.length; i++) {
          const raw = row[link.columns[i]];
          if (raw === null || raw === undefined) missing = true;
          parentIds[link.parentIdentifiers[i]] = link.convert[i](raw);
        }
        if (!missing && parentSets[p].has(link.parentUidOf(parentIds))) return true;
      }
      return false;
    };
    for await (const row of this.rows(codec)) {
      let uid: string | undefined;
      let keep = false;
      if (plan.topLevel) {
        uid = uidOfRow(row);
        keep = partitionOf(uid, partition.count) === partition.index;
      }
      if (!keep && plan.parents.length > 0) keep = parentKept(row);
      if (!keep) continue;
      if (kept !== undefined) kept.add(uid ?? uidOfRow(row));
      yield codec.toModel(row);
    }
  }

  /** Every row of the codec's table, streamed where the driver can, ordered by primary key. */
  private async *rows(codec: RowCodec): AsyncGenerator<Row> {
    const cols = codec.columns.map((c) => codec.q(c.name)).join(', ');
    const order = codec.keyColumns.map((c) => codec.q(c.name)).join(', ');
    const sql = codec.cached('partition-select', () => `SELECT ${cols} FROM ${codec.ref} ORDER BY ${order}`);
    const driver = this.connection.driver;
    if (driver.stream) {
      yield* driver.stream(sql, []);
      return;
    }
    yield* await this.connection.query(sql, []);
  }
}

/** The row source of `adapter.load()`: the partition's rows, or every row. */
export function partitionedRows(adapter: Adapter, connection: Connection, schema: SchemaSpec): PartitionedRows {
  return new PartitionedRows(connection, schema, adapter.topLevel, adapter.partition);
}
