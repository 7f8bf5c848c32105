import type { Session } from '../../session/session';
import { SchemaError } from '../../errors';
import type { Catalog, CatalogTable } from '../../schema/catalog';
import type { PlanOptions } from '../../schema/schema-plan';
import { SchemaPlan } from '../../schema/schema-plan';
import type { SchemaSpec, TableSpec } from '../../schema/table-spec';
import { backfillValue } from '../../schema/zero-values';
import type { SqliteDialect } from './sqlite-dialect';
import { sqliteIndexSql } from './sqlite-discover';

const REBUILD_TABLE = 'diffsync_rebuild';

/**
 * SQLite keeps each CREATE statement as written, so a table is in sync exactly when its
 * stored text equals the generated one. Any other difference rebuilds the table, keeping its rows.
 */
export async function planSqlite(conn: Session, schema: SchemaSpec, catalog: Catalog, options: PlanOptions): Promise<SchemaPlan> {
  const d = conn.sqlDialect as SqliteDialect;
  const q = (n: string) => d.quoteIdentifier(n);
  const allowDrop = options.allowDrop === true;
  const indexSql = await sqliteIndexSql(conn);
  const statements: string[] = [];
  const skipped: string[] = [];
  let destructive = false;
  const wantedTables = new Set<string>();
  for (const spec of schema.tables) {
    const name = d.physicalName(spec.namespace, spec.name).name;
    wantedTables.add(name);
    const create = d.createTableStatement(spec);
    const found = catalog.tables.find((t) => t.name === name);
    if (!found) {
      statements.push(create, ...spec.indexes.map((ix) => d.createIndexStatement(spec, ix.name, ix.columns)));
      continue;
    }
    if (found.sql !== create) {
      refuseEnumRemoval(d, spec, found);
      const dropped = found.columns.filter((c) => !spec.columns.some((s) => s.name === c.name));
      if (dropped.length > 0 && !allowDrop) {
        skipped.push(
          `table ${q(name)} needs a rebuild that drops column(s) ${dropped.map((c) => q(c.name)).join(', ')} (pass allowDrop); the table was left as it is`,
        );
        continue;
      }
      if (dropped.length > 0) destructive = true;
      statements.push(
        ...rebuild(
          d,
          spec,
          found.columns.map((c) => c.name),
          create,
        ),
      );
      continue;
    }
    // Indexes of an unchanged table.
    const mine = [...indexSql.entries()].filter(([, v]) => v.table === name);
    for (const ix of spec.indexes) {
      const sql = d.createIndexStatement(spec, ix.name, ix.columns);
      const have = indexSql.get(ix.name);
      if (have && have.sql === sql && have.table === name) continue;
      if (have) statements.push(`DROP INDEX ${q(ix.name)}`);
      statements.push(sql);
    }
    for (const [indexName] of mine) {
      if (!spec.indexes.some((ix) => ix.name === indexName)) statements.push(`DROP INDEX ${q(indexName)}`);
    }
  }
  for (const t of catalog.tables) {
    if (wantedTables.has(t.name)) continue;
    if (allowDrop) {
      statements.push(`DROP TABLE ${q(t.name)}`);
      destructive = true;
    } else {
      skipped.push(`table ${q(t.name)} is not declared by any model (pass allowDrop to drop it)`);
    }
  }
  return new SchemaPlan(statements, destructive, skipped);
}

function rebuild(d: SqliteDialect, spec: TableSpec, existing: readonly string[], create: string): string[] {
  const q = (n: string) => d.quoteIdentifier(n);
  const ref = d.tableRef(spec);
  const targets: string[] = [];
  const sources: string[] = [];
  for (const c of spec.columns) {
    if (existing.includes(c.name)) {
      targets.push(q(c.name));
      sources.push(q(c.name));
    } else if (!c.nullable && c.default === undefined) {
      targets.push(q(c.name));
      sources.push(d.literal(backfillValue(c, 'sqlite')));
    }
  }
  const out = [`CREATE TEMP TABLE ${q(REBUILD_TABLE)} AS SELECT * FROM ${ref}`, `DROP TABLE ${ref}`, create];
  if (targets.length > 0) {
    out.push(`INSERT INTO ${ref} (${targets.join(', ')}) SELECT ${sources.join(', ')} FROM temp.${q(REBUILD_TABLE)}`);
  }
  out.push(`DROP TABLE temp.${q(REBUILD_TABLE)}`);
  for (const ix of spec.indexes) out.push(d.createIndexStatement(spec, ix.name, ix.columns));
  return out;
}

/** The values an enum column's CHECK (`"col" IN ('a', 'b')`) allows, or undefined when it has none. */
function checkedValues(d: SqliteDialect, table: CatalogTable, column: string): string[] | undefined {
  const prefix = `(${d.quoteIdentifier(column)} IN (`;
  const check = table.checks.find((c) => c.expression.startsWith(prefix));
  if (!check) return undefined;
  return [...check.expression.slice(prefix.length).matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1].split("''").join("'"));
}

/**
 * The rebuild would copy rows holding a value the new CHECK no longer allows and fail half
 * way; PostgreSQL and MySQL refuse the removal up front, and so does SQLite, before anything runs.
 */
function refuseEnumRemoval(d: SqliteDialect, spec: TableSpec, found: CatalogTable): void {
  for (const col of spec.columns) {
    if (!col.enumValues || !found.columns.some((c) => c.name === col.name)) continue;
    const have = checkedValues(d, found, col.name);
    const removed = have?.filter((v) => !(col.enumValues as readonly string[]).includes(v)) ?? [];
    if (removed.length > 0) {
      throw new SchemaError(
        `${spec.model.name}.${col.property}: enum value(s) ${removed.map((v) => JSON.stringify(v)).join(', ')} would be removed from column ` +
          `'${col.name}' of table ${d.tableRef(spec)}; removing enum values is refused (rows may hold them): migrate the data first, or keep the values. Nothing was changed.`,
      );
    }
  }
}
