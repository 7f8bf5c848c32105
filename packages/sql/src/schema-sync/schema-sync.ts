import type { ModelClass } from '@diffsync/core';
import type { Session } from '../session/session';
import { discoverMysql } from '../dialects/mysql/mysql-discover';
import { discoverPostgres } from '../dialects/postgresql/pg-discover';
import { discoverSqlite } from '../dialects/sqlite/sqlite-discover';
import { planSqlite } from '../dialects/sqlite/sqlite-plan';
import { SchemaError } from '../errors';
import type { Catalog, DiscoverOptions } from '../schema/catalog';
import type { PrimaryKeyChange } from '../schema/key-references';
import { undeclaredReferences } from '../schema/key-references';
import { checkSchemaNames } from '../schema/name-limits';
import { planGeneric } from './plan-generic';
import type { PlanOptions } from '../schema/schema-plan';
import { SchemaPlan } from '../schema/schema-plan';
import type { SchemaSpec, TableSpec } from '../schema/table-spec';
import { buildSchemaSpec } from '../schema/table-spec';
import { planLookupFills } from './lookup-fill';
import type { CatalogTable } from '../schema/catalog';

export function discover(conn: Session, options: DiscoverOptions = {}): Promise<Catalog> {
  switch (conn.dialect) {
    case 'postgresql':
      return discoverPostgres(conn, options);
    case 'mysql':
      return discoverMysql(conn, options);
    case 'sqlite':
      return discoverSqlite(conn, options);
  }
}

export async function planSchema(conn: Session, models: readonly ModelClass[], options: PlanOptions = {}): Promise<SchemaPlan> {
  const schema = buildSchemaSpec(models, { lookups: true });
  checkSchemaNames(conn.dialect, schema);
  if (conn.dialect === 'sqlite') {
    const catalog = await discover(conn);
    checkSqliteReferences(conn, schema, catalog, options);
    const plan = await planSqlite(conn, schema, catalog, options);
    return withLookupFills(conn, schema, plan, [catalog]);
  }
  const namespaces: Array<string | undefined> = [undefined];
  if (conn.dialect === 'postgresql') {
    for (const t of schema.tables) {
      const ns = t.namespace === conn.defaultNamespace ? undefined : t.namespace;
      if (!namespaces.includes(ns)) namespaces.push(ns);
    }
  }
  const catalogs = new Map<string | undefined, Catalog>();
  for (const ns of namespaces) catalogs.set(ns, await discover(conn, { namespace: ns }));
  const plan = await planGeneric(conn, schema, catalogs, namespaces, options);
  return withLookupFills(conn, schema, plan, [...catalogs.values()]);
}

/** The plan followed by the statements that fill the lookup tables of `enumAs: 'lookup'` columns. */
async function withLookupFills(conn: Session, schema: SchemaSpec, plan: SchemaPlan, catalogs: readonly Catalog[]): Promise<SchemaPlan> {
  const live = (spec: TableSpec): CatalogTable | undefined => {
    const physical = conn.sqlDialect.physicalName(spec.namespace === conn.defaultNamespace ? undefined : spec.namespace, spec.name);
    for (const c of catalogs) {
      const found = c.tables.find((t) => t.name === physical.name && (conn.dialect !== 'postgresql' || t.namespace === physical.schema));
      if (found) return found;
    }
    return undefined;
  };
  const fills = await planLookupFills(conn, schema, live);
  if (fills.length === 0) return plan;
  return new SchemaPlan([...plan.statements, ...fills], plan.destructive, plan.skipped);
}

/**
 * SQLite rebuilds a table whose key changes; foreign keys of undeclared tables keep
 * naming it, so one that would no longer match the new key is refused before anything runs.
 */
function checkSqliteReferences(conn: Session, schema: SchemaSpec, catalog: Catalog, options: PlanOptions): void {
  const d = conn.sqlDialect;
  const changes: PrimaryKeyChange[] = [];
  const declared = new Set<string>();
  for (const spec of schema.tables) {
    const name = d.physicalName(spec.namespace, spec.name).name;
    declared.add(name);
    const found = catalog.tables.find((t) => t.name === name);
    const from = found?.primaryKey?.columns ?? [];
    if (!found || (from.length === spec.primaryKey.length && from.every((c, i) => c === spec.primaryKey[i]))) continue;
    changes.push({ namespace: undefined, name, ref: d.quoteIdentifier(name), from, to: spec.primaryKey });
  }
  undeclaredReferences(changes, {
    tables: catalog.tables,
    isDeclared: (t) => declared.has(t.name),
    allowDrop: options.allowDrop === true,
    refOf: (t) => d.quoteIdentifier(t.name),
  });
}

/**
 * Plans and applies. PostgreSQL and SQLite run the plan in one transaction; MySQL commits
 * each DDL statement on its own (the server does).
 */
export async function syncSchema(conn: Session, models: readonly ModelClass[], options: PlanOptions = {}): Promise<SchemaPlan> {
  const plan = await planSchema(conn, models, options);
  if (plan.isEmpty) return plan;
  if (conn.dialect === 'mysql') {
    for (const s of plan.statements) await conn.execute(s);
    return plan;
  }
  if (conn.dialect === 'postgresql') {
    await conn.transaction(async (tx) => {
      for (const s of plan.statements) await tx.execute(s);
    });
    return plan;
  }
  // SQLite: foreign keys are switched off around the rebuild and checked before commit.
  if (conn.inTransaction) {
    throw new SchemaError('syncSchema on SQLite cannot run inside a transaction (foreign key enforcement must be switched off around table rebuilds).');
  }
  await conn.execute('PRAGMA foreign_keys = OFF');
  try {
    await conn.transaction(async (tx) => {
      for (const s of plan.statements) await tx.execute(s);
      const broken = await tx.query('PRAGMA foreign_key_check');
      if (broken.length > 0) {
        throw new SchemaError(
          `The schema change would leave ${broken.length} row(s) violating foreign keys (first: ${JSON.stringify(broken[0])}); nothing was changed.`,
        );
      }
    });
  } finally {
    await conn.execute('PRAGMA foreign_keys = ON');
  }
  return plan;
}
