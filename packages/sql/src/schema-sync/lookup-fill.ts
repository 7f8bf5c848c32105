import type { Session } from '../session/session';
import type { SqlDialect } from '../schema/dialect';
import { SchemaError } from '../errors';
import type { CatalogTable } from '../schema/catalog';
import { lookupModel } from '../schema/lookup-tables';
import type { ColumnSpec, SchemaSpec, TableSpec } from '../schema/table-spec';

/** One lookup table of a schema: the values every column using it declares, and those columns. */
export interface LookupUse {
  readonly lookup: TableSpec;
  readonly values: readonly string[];
  readonly owners: ReadonlyArray<{ readonly table: TableSpec; readonly column: ColumnSpec }>;
}

export function lookupUses(tables: readonly TableSpec[]): LookupUse[] {
  const byModel = new Map<Function, { lookup: TableSpec; values: string[]; owners: Array<{ table: TableSpec; column: ColumnSpec }> }>();
  const specOf = new Map<Function, TableSpec>(tables.map((t) => [t.model, t]));
  for (const table of tables) {
    for (const column of table.columns) {
      if (!column.lookup) continue;
      const lookup = specOf.get(lookupModel(table.namespace, column.lookup.table));
      if (!lookup) continue;
      let use = byModel.get(lookup.model);
      if (!use) {
        use = { lookup, values: [], owners: [] };
        byModel.set(lookup.model, use);
      }
      for (const v of column.lookup.values) if (!use.values.includes(v)) use.values.push(v);
      use.owners.push({ table, column });
    }
  }
  return [...byModel.values()];
}

function insertValues(d: SqlDialect, lookup: TableSpec, rows: ReadonlyArray<[number, string]>): string {
  const q = (n: string) => d.quoteIdentifier(n);
  const values = rows.map(([id, v]) => `(${id}, ${d.quoteString(v)})`).join(', ');
  return `INSERT INTO ${d.tableRef(lookup)} (${q('id')}, ${q('value')}) VALUES ${values}`;
}

/** The rows of every lookup table on an empty database: ids 1, 2, … in declaration order. */
export function initialLookupFills(d: SqlDialect, schema: SchemaSpec): string[] {
  return lookupUses(schema.tables).map((use) =>
    insertValues(
      d,
      use.lookup,
      use.values.map((v, i) => [i + 1, v]),
    ),
  );
}

/**
 * What brings each lookup table to its declared values: missing values are inserted with
 * the next ids (existing ids never change), values no longer declared are deleted — unless
 * a row still uses one, which is refused with a SchemaError naming the class and field.
 */
export async function planLookupFills(conn: Session, schema: SchemaSpec, live: (spec: TableSpec) => CatalogTable | undefined): Promise<string[]> {
  const d = conn.sqlDialect;
  const out: string[] = [];
  for (const use of lookupUses(schema.tables)) {
    if (!live(use.lookup)) {
      out.push(
        insertValues(
          d,
          use.lookup,
          use.values.map((v, i) => [i + 1, v]),
        ),
      );
      continue;
    }
    const rows = await conn.query<{ id: unknown; value: unknown }>(
      `SELECT ${d.quoteIdentifier('id')} AS id, ${d.quoteIdentifier('value')} AS value FROM ${d.tableRef(use.lookup)}`,
    );
    const existing = new Map(rows.map((r) => [String(r.value), Number(r.id)]));
    let next = rows.reduce((max, r) => Math.max(max, Number(r.id)), 0) + 1;
    const added: Array<[number, string]> = [];
    for (const v of use.values) if (!existing.has(v)) added.push([next++, v]);
    const removed = [...existing].filter(([v]) => !use.values.includes(v));
    for (const [value, id] of removed) {
      await refuseUsedValue(conn, use, value, id, live);
      out.push(`DELETE FROM ${d.tableRef(use.lookup)} WHERE ${d.quoteIdentifier('id')} = ${id}`);
    }
    if (added.length > 0) out.push(insertValues(d, use.lookup, added));
  }
  return out;
}

async function refuseUsedValue(conn: Session, use: LookupUse, value: string, id: number, live: (spec: TableSpec) => CatalogTable | undefined): Promise<void> {
  const d = conn.sqlDialect;
  for (const { table, column } of use.owners) {
    if (!live(table)?.columns.some((c) => c.name === column.name)) continue;
    const used = await conn.query(`SELECT 1 AS used FROM ${d.tableRef(table)} WHERE ${d.quoteIdentifier(column.name)} = ${id} LIMIT 1`);
    if (used.length > 0) {
      throw new SchemaError(
        `${table.model.name}.${column.property}: enum value ${JSON.stringify(value)} was removed, but rows of '${table.flatName}' still use it (lookup table '${use.lookup.flatName}'); update those rows first or keep the value.`,
      );
    }
  }
}
