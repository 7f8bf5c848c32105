import type { Session } from '../session/session';
import { SchemaError } from '../errors';
import { MysqlDialect } from '../dialects/mysql/mysql-dialect';
import { PostgresDialect } from '../dialects/postgresql/pg-dialect';
import type { Catalog, CatalogColumn, CatalogForeignKey, CatalogKey, CatalogTable } from '../schema/catalog';
import type { PrimaryKeyChange } from '../schema/key-references';
import { undeclaredReferences } from '../schema/key-references';
import type { PlanOptions } from '../schema/schema-plan';
import { SchemaPlan } from '../schema/schema-plan';
import type { ColumnSpec, SchemaSpec, TableSpec } from '../schema/table-spec';
import { targetTable } from './target';
import { backfillValue } from '../schema/zero-values';
import { alterStruct, structsOf, structStatement } from '../dialects/postgresql/pg-structs';

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

interface Steps {
  dropForeignKeys: string[];
  enums: string[];
  createTables: string[];
  alter: string[];
  addForeignKeys: string[];
  dropTables: string[];
  dropEnums: string[];
  skipped: string[];
  destructive: boolean;
  primaryKeyChanges: PrimaryKeyChange[];
}

function newSteps(): Steps {
  return {
    dropForeignKeys: [],
    enums: [],
    createTables: [],
    alter: [],
    addForeignKeys: [],
    dropTables: [],
    dropEnums: [],
    skipped: [],
    destructive: false,
    primaryKeyChanges: [],
  };
}

/** Plans PostgreSQL and MySQL changes by comparing discovered catalogs with the models' target. */
export async function planGeneric(
  conn: Session,
  schema: SchemaSpec,
  catalogs: Map<string | undefined, Catalog>,
  namespaces: ReadonlyArray<string | undefined>,
  options: PlanOptions,
): Promise<SchemaPlan> {
  const d = conn.sqlDialect as PostgresDialect | MysqlDialect;
  const pg = d instanceof PostgresDialect ? d : undefined;
  const my = d instanceof MysqlDialect ? d : undefined;
  const q = (n: string) => d.quoteIdentifier(n);
  const steps = newSteps();
  const allowDrop = options.allowDrop === true;
  // The default schema, named or not, is one namespace.
  const norm = (ns: string | undefined) => (ns === conn.defaultNamespace ? undefined : ns);
  const current = (ns: string | undefined) => catalogs.get(pg ? norm(ns) : undefined) as Catalog;

  // PostgreSQL schemas and enum types.
  if (pg) {
    const existing = new Set((await conn.query<{ n: string }>('SELECT nspname AS n FROM pg_namespace')).map((r) => r.n));
    for (const ns of namespaces) {
      if (ns !== undefined && norm(ns) !== undefined && !existing.has(ns)) steps.enums.push(`CREATE SCHEMA IF NOT EXISTS ${q(ns)}`);
    }
    const wanted = pg.enumsOf(schema);
    for (const e of wanted.values()) {
      const found = current(e.namespace).enums.find((x) => x.name === e.name);
      if (!found) {
        steps.enums.push(pg.enumStatement(e.namespace, e.name, e.values));
        continue;
      }
      const removed = found.values.filter((v) => !e.values.includes(v));
      if (removed.length > 0) {
        throw new SchemaError(
          `${e.owner}: enum type ${pg.enumRef(e.namespace, e.name)} has value(s) ${removed.map((v) => JSON.stringify(v)).join(', ')} that the model no longer lists; ` +
            'removing enum values is refused (rows may hold them): migrate the data and recreate the type by hand, or keep the values. Nothing was changed.',
        );
      }
      let previous: string | undefined;
      for (const v of e.values) {
        if (!found.values.includes(v)) {
          steps.enums.push(
            `ALTER TYPE ${pg.enumRef(e.namespace, e.name)} ADD VALUE ${pg.quoteString(v)}${previous === undefined ? '' : ` AFTER ${pg.quoteString(previous)}`}`,
          );
        }
        previous = v;
      }
    }
    // Composite types of struct columns: created, or given new fields (and dropped ones with allowDrop).
    for (const st of structsOf(pg, schema).values()) {
      const found = (current(st.namespace).structs ?? []).find((x) => x.name === st.name);
      if (!found) {
        steps.enums.push(structStatement(pg, st));
        continue;
      }
      const change = alterStruct(pg, st, found, allowDrop);
      steps.enums.push(...change.statements);
      steps.skipped.push(...change.skipped);
      if (change.destructive) steps.destructive = true;
    }
    const wantedKeys = new Set([...wanted.values()].map((e) => `${norm(e.namespace) ?? ''}\u0000${e.name}`));
    for (const ns of namespaces) {
      for (const e of current(ns).enums) {
        if (wantedKeys.has(`${ns ?? ''}\u0000${e.name}`)) continue;
        if (allowDrop) steps.dropEnums.push(`DROP TYPE ${pg.enumRef(ns, e.name)}`);
      }
    }
  }

  const targets = schema.tables.map((t) => {
    const target = targetTable(d, t);
    return {
      spec: t,
      target: {
        ...target,
        namespace: norm(target.namespace),
        foreignKeys: target.foreignKeys.map((fk) => ({ ...fk, refNamespace: norm(fk.refNamespace) })),
      },
    };
  });
  const targetKeys = new Set(targets.map((t) => `${t.target.namespace ?? ''}\u0000${t.target.name}`));
  for (const { spec, target } of targets) {
    const found = current(spec.namespace).tables.find((t) => t.name === target.name && t.namespace === target.namespace);
    if (!found) {
      steps.createTables.push(...(pg ? pg.createTableStatements(spec) : (my as MysqlDialect).createTableStatements(spec)));
      for (const fk of spec.foreignKeys) steps.addForeignKeys.push(d.foreignKeyStatement(spec, fk));
      continue;
    }
    alterTable(d, spec, target, found, steps, allowDrop);
  }
  keepReferencesToChangedKeys(
    d,
    steps,
    namespaces.flatMap((ns) => current(ns).tables),
    targetKeys,
    allowDrop,
  );
  const seen = new Set<string>();
  for (const ns of namespaces) {
    const catalog = current(ns);
    for (const t of catalog.tables) {
      const key = `${t.namespace ?? ''}\u0000${t.name}`;
      if (targetKeys.has(key) || seen.has(key)) continue;
      seen.add(key);
      const ref = d.tableRef({ namespace: t.namespace, name: t.name });
      if (allowDrop) {
        for (const fk of t.foreignKeys) steps.dropForeignKeys.push(dropForeignKey(d, ref, fk.name));
        steps.dropTables.push(`DROP TABLE ${ref}`);
        steps.destructive = true;
      } else {
        steps.skipped.push(`table ${ref} is not declared by any model (pass allowDrop to drop it)`);
      }
    }
  }
  const statements = [
    ...steps.dropForeignKeys,
    ...steps.enums,
    ...steps.createTables,
    ...steps.alter,
    ...steps.addForeignKeys,
    ...steps.dropTables,
    ...steps.dropEnums,
  ];
  return new SchemaPlan(statements, steps.destructive, steps.skipped);
}

/**
 * A primary key that changes cannot be dropped while foreign keys reference it. Foreign
 * keys of declared tables that the plan does not already drop (their definition is
 * unchanged), and those of undeclared tables that reference exactly the new key, are
 * dropped first and re-added last; an undeclared one that would break is refused.
 */
function keepReferencesToChangedKeys(
  d: PostgresDialect | MysqlDialect,
  steps: Steps,
  tables: readonly CatalogTable[],
  targetKeys: ReadonlySet<string>,
  allowDrop: boolean,
): void {
  const changes = steps.primaryKeyChanges;
  if (changes.length === 0) return;
  const isDeclared = (t: CatalogTable) => targetKeys.has(`${t.namespace ?? ''}\u0000${t.name}`);
  const refOf = (t: { namespace: string | undefined; name: string }) => d.tableRef({ namespace: t.namespace, name: t.name });
  const keep = (table: CatalogTable, fk: CatalogForeignKey) => {
    const drop = dropForeignKey(d, refOf(table), fk.name);
    if (steps.dropForeignKeys.includes(drop)) return;
    steps.dropForeignKeys.push(drop);
    steps.addForeignKeys.push(
      d.foreignKeyStatement({ namespace: table.namespace, name: table.name } as TableSpec, {
        name: fk.name,
        columns: fk.columns,
        refNamespace: fk.refNamespace,
        refTable: fk.refTable,
        refColumns: fk.refColumns,
      }),
    );
  };
  for (const table of tables) {
    if (!isDeclared(table)) continue;
    for (const fk of table.foreignKeys) {
      if (changes.some((c) => c.name === fk.refTable && c.namespace === fk.refNamespace)) keep(table, fk);
    }
  }
  for (const kept of undeclaredReferences(changes, { tables, isDeclared, allowDrop, refOf })) keep(kept.table, kept.foreignKey);
}

function dropForeignKey(d: PostgresDialect | MysqlDialect, ref: string, name: string): string {
  return d instanceof MysqlDialect
    ? `ALTER TABLE ${ref} DROP FOREIGN KEY ${d.quoteIdentifier(name)}`
    : `ALTER TABLE ${ref} DROP CONSTRAINT ${d.quoteIdentifier(name)}`;
}

function keyDiff(wanted: readonly CatalogKey[], found: readonly CatalogKey[]): { add: CatalogKey[]; drop: CatalogKey[] } {
  const add = wanted.filter((w) => !found.some((f) => f.name === w.name && sameList(f.columns, w.columns)));
  const drop = found.filter((f) => !wanted.some((w) => w.name === f.name && sameList(f.columns, w.columns)));
  return { add, drop };
}

function sameColumn(a: CatalogColumn, b: CatalogColumn): boolean {
  return a.type === b.type && a.nullable === b.nullable && a.default === b.default && a.comment === b.comment;
}

function alterTable(d: PostgresDialect | MysqlDialect, spec: TableSpec, target: CatalogTable, found: CatalogTable, steps: Steps, allowDrop: boolean): void {
  const q = (n: string) => d.quoteIdentifier(n);
  const ref = d.tableRef(spec);
  const pg = d instanceof PostgresDialect ? d : undefined;
  const out = steps.alter;
  // Foreign keys first out, last in.
  const fks = keyDiff(target.foreignKeys, found.foreignKeys);
  const fkChanged = target.foreignKeys.filter((w) => {
    const f = found.foreignKeys.find((x) => x.name === w.name);
    return f && (!sameList(f.refColumns, w.refColumns) || f.refTable !== w.refTable || f.refNamespace !== w.refNamespace);
  });
  for (const fk of [...fks.drop, ...fkChanged]) steps.dropForeignKeys.push(dropForeignKey(d, ref, fk.name));
  for (const fk of [...fks.add, ...fkChanged]) {
    steps.addForeignKeys.push(d.foreignKeyStatement(spec, spec.foreignKeys.find((x) => x.name === fk.name) as TableSpec['foreignKeys'][number]));
  }
  // Columns.
  for (let i = 0; i < target.columns.length; i++) {
    const want = target.columns[i];
    const col = spec.columns[i];
    const have = found.columns.find((c) => c.name === want.name);
    if (!have) {
      out.push(...addColumn(d, spec, col, ref));
      continue;
    }
    if (sameColumn(want, have)) continue;
    if (pg) {
      const c = `ALTER TABLE ${ref} ALTER COLUMN ${q(col.name)}`;
      if (want.type !== have.type) {
        const type = pg.columnType(col, spec);
        if (have.default !== undefined) out.push(`${c} DROP DEFAULT`);
        out.push(`${c} TYPE ${type} USING ${q(col.name)}::text::${type}`);
      }
      if (want.default !== have.default || (want.type !== have.type && want.default !== undefined)) {
        out.push(col.default === undefined ? `${c} DROP DEFAULT` : `${c} SET DEFAULT ${pg.literal(col.default, col)}`);
      }
      if (want.nullable !== have.nullable) out.push(`${c} ${want.nullable ? 'DROP' : 'SET'} NOT NULL`);
      if (want.comment !== have.comment) {
        out.push(`COMMENT ON COLUMN ${ref}.${q(col.name)} IS ${col.comment === undefined ? 'NULL' : pg.quoteString(col.comment)}`);
      }
    } else {
      refuseEnumRemoval(spec, col, have.type, want.type);
      out.push(`ALTER TABLE ${ref} MODIFY COLUMN ${(d as MysqlDialect).columnDefinition(col)}`);
    }
  }
  for (const have of found.columns) {
    if (target.columns.some((c) => c.name === have.name)) continue;
    if (allowDrop) {
      out.push(`ALTER TABLE ${ref} DROP COLUMN ${q(have.name)}`);
      steps.destructive = true;
    } else {
      steps.skipped.push(`column ${ref}.${q(have.name)} is not declared by the model (pass allowDrop to drop it)`);
    }
  }
  // Primary key.
  const pk = target.primaryKey as CatalogKey;
  if (!found.primaryKey || !sameList(found.primaryKey.columns, pk.columns) || (pg && found.primaryKey.name !== pk.name)) {
    steps.primaryKeyChanges.push({ namespace: target.namespace, name: target.name, ref, from: found.primaryKey?.columns ?? [], to: pk.columns });
    if (found.primaryKey) out.push(pg ? `ALTER TABLE ${ref} DROP CONSTRAINT ${q(found.primaryKey.name)}` : `ALTER TABLE ${ref} DROP PRIMARY KEY`);
    out.push(`ALTER TABLE ${ref} ADD ${pg ? `CONSTRAINT ${q(pk.name)} ` : ''}PRIMARY KEY (${pk.columns.map(q).join(', ')})`);
  }
  // Unique constraints and indexes.
  const uq = keyDiff(target.uniques, found.uniques);
  for (const u of uq.drop) out.push(pg ? `ALTER TABLE ${ref} DROP CONSTRAINT ${q(u.name)}` : `ALTER TABLE ${ref} DROP INDEX ${q(u.name)}`);
  for (const u of uq.add) out.push(`ALTER TABLE ${ref} ADD CONSTRAINT ${q(u.name)} UNIQUE (${u.columns.map(q).join(', ')})`);
  const ix = keyDiff(target.indexes, found.indexes);
  for (const x of ix.drop) {
    out.push(pg ? `DROP INDEX ${pg.tableRef({ namespace: spec.namespace, name: x.name })}` : `DROP INDEX ${q(x.name)} ON ${ref}`);
  }
  for (const x of ix.add) out.push(`CREATE INDEX ${q(x.name)} ON ${ref} (${x.columns.map(q).join(', ')})`);
  // Table comment.
  if (target.comment !== found.comment) {
    const text = target.comment === undefined ? (pg ? 'NULL' : "''") : d.quoteString(target.comment);
    out.push(pg ? `COMMENT ON TABLE ${ref} IS ${text}` : `ALTER TABLE ${ref} COMMENT = ${text}`);
  }
}

function addColumn(d: PostgresDialect | MysqlDialect, spec: TableSpec, col: ColumnSpec, ref: string): string[] {
  const q = (n: string) => d.quoteIdentifier(n);
  const definition = d instanceof PostgresDialect ? d.columnDefinition(col, spec) : d.columnDefinition(col);
  if (col.nullable || col.default !== undefined) {
    const out = [`ALTER TABLE ${ref} ADD COLUMN ${definition}`];
    if (d instanceof PostgresDialect && col.comment !== undefined) out.push(`COMMENT ON COLUMN ${ref}.${q(col.name)} IS ${d.quoteString(col.comment)}`);
    return out;
  }
  // NOT NULL without a default: existing rows get a backfill value, then the default goes away.
  const withDefault = { ...col, default: backfillValue(col, d.name) };
  const out =
    d instanceof PostgresDialect
      ? [`ALTER TABLE ${ref} ADD COLUMN ${d.columnDefinition(withDefault, spec)}`]
      : [`ALTER TABLE ${ref} ADD COLUMN ${d.columnDefinition(withDefault)}`];
  out.push(`ALTER TABLE ${ref} ALTER COLUMN ${q(col.name)} DROP DEFAULT`);
  if (d instanceof PostgresDialect && col.comment !== undefined) out.push(`COMMENT ON COLUMN ${ref}.${q(col.name)} IS ${d.quoteString(col.comment)}`);
  return out;
}

function enumLiterals(type: string): string[] | undefined {
  if (!type.startsWith('enum(')) return undefined;
  return [...type.matchAll(/'((?:[^'\\]|''|\\.)*)'/g)].map((m) => m[1]);
}

/** MySQL would truncate rows holding a removed value: refuse instead. */
function refuseEnumRemoval(spec: TableSpec, col: ColumnSpec, haveType: string, wantType: string): void {
  const have = enumLiterals(haveType);
  const want = enumLiterals(wantType);
  if (!have || !want) return;
  const removed = have.filter((v) => !want.includes(v));
  if (removed.length > 0) {
    const shown = removed.map((v) => JSON.stringify(v.replace(/''/g, "'").replace(/\\(.)/g, '$1')));
    throw new SchemaError(
      `${spec.model.name}.${col.property}: enum value(s) ${shown.join(', ')} would be removed from column '${col.name}' of table ${spec.name}; ` +
        'removing enum values is refused (rows may hold them): migrate the data first, or keep the values. Nothing was changed.',
    );
  }
}
