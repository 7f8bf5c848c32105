import type { Session } from '../../session/session';
import type { Catalog, CatalogCheck, CatalogColumn, CatalogForeignKey, CatalogKey, CatalogTable, DiscoverOptions } from '../../schema/catalog';

/** Normalises `COLUMN_TYPE`: drops integer display widths (`int(11)` → `int`) but keeps `tinyint(1)`. */
export function normaliseMysqlType(columnType: string): string {
  const lower = columnType.replace(/^(enum|set)\(/i, (m) => m.toLowerCase());
  if (/^(enum|set)\(/.test(lower)) return lower;
  const t = lower.toLowerCase();
  if (t === 'tinyint(1)') return t;
  return t.replace(/^(tinyint|smallint|mediumint|int|bigint)\(\d+\)/, '$1');
}

/** MariaDB quotes string defaults (`'abc'`), MySQL 8 does not; `NULL` means none. */
export function normaliseMysqlDefault(value: string | null): string | undefined {
  if (value === null || value === 'NULL') return undefined;
  if (/^'.*'$/s.test(value)) {
    return value
      .slice(1, -1)
      .replace(/''/g, "'")
      .replace(/\\(.)/g, (_, c: string) => (c === '0' ? '\u0000' : c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c));
  }
  return value;
}

interface ColumnRow {
  table_name: string;
  column_name: string;
  column_type: string;
  is_nullable: string;
  column_default: string | null;
  column_comment: string;
}

export async function discoverMysql(conn: Session, options: DiscoverOptions = {}): Promise<Catalog> {
  const prefix = options.namespace ? `${options.namespace}__` : undefined;
  const inScope = (name: string) => (prefix ? name.startsWith(prefix) : true);
  const tableRows = await conn.query<{ table_name: string; table_comment: string }>(
    `SELECT TABLE_NAME AS table_name, TABLE_COMMENT AS table_comment FROM information_schema.TABLES
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME`,
  );
  const columnRows = await conn.query<ColumnRow>(
    `SELECT TABLE_NAME AS table_name, COLUMN_NAME AS column_name, COLUMN_TYPE AS column_type, IS_NULLABLE AS is_nullable,
            COLUMN_DEFAULT AS column_default, COLUMN_COMMENT AS column_comment
       FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION`,
  );
  const statRows = await conn.query<{ table_name: string; index_name: string; non_unique: number | string; column_name: string }>(
    `SELECT TABLE_NAME AS table_name, INDEX_NAME AS index_name, NON_UNIQUE AS non_unique, COLUMN_NAME AS column_name
       FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`,
  );
  const fkRows = await conn.query<{ table_name: string; name: string; column_name: string; ref_table: string; ref_column: string }>(
    `SELECT TABLE_NAME AS table_name, CONSTRAINT_NAME AS name, COLUMN_NAME AS column_name,
            REFERENCED_TABLE_NAME AS ref_table, REFERENCED_COLUMN_NAME AS ref_column
       FROM information_schema.KEY_COLUMN_USAGE
      WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL
      ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION`,
  );
  const checkRows = await conn.query<{ table_name: string; name: string; clause: string }>(
    `SELECT TABLE_NAME AS table_name, CONSTRAINT_NAME AS name, CHECK_CLAUSE AS clause
       FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() ORDER BY TABLE_NAME, CONSTRAINT_NAME`,
  );

  const tables: CatalogTable[] = [];
  for (const t of tableRows) {
    if (!inScope(t.table_name)) continue;
    const checks: CatalogCheck[] = [];
    const jsonColumns = new Set<string>();
    for (const c of checkRows) {
      if (c.table_name !== t.table_name) continue;
      // MariaDB implements JSON as LONGTEXT plus CHECK (json_valid(`col`)).
      const m = /^json_valid\(`((?:[^`]|``)*)`\)$/.exec(c.clause.trim());
      if (m && m[1].replace(/``/g, '`') === c.name) {
        jsonColumns.add(c.name);
        continue;
      }
      checks.push({ name: c.name, expression: c.clause });
    }
    const columns: CatalogColumn[] = columnRows
      .filter((c) => c.table_name === t.table_name)
      .map((c) => ({
        name: c.column_name,
        type: jsonColumns.has(c.column_name) ? 'json' : normaliseMysqlType(c.column_type),
        nullable: c.is_nullable === 'YES',
        default: normaliseMysqlDefault(c.column_default),
        comment: c.column_comment === '' ? undefined : c.column_comment,
      }));
    const foreignKeys: CatalogForeignKey[] = [];
    for (const f of fkRows) {
      if (f.table_name !== t.table_name) continue;
      let fk = foreignKeys.find((x) => x.name === f.name) as { columns: string[]; refColumns: string[] } | undefined;
      if (!fk) {
        const created = { name: f.name, columns: [] as string[], refNamespace: undefined, refTable: f.ref_table, refColumns: [] as string[] };
        foreignKeys.push(created);
        fk = created;
      }
      fk.columns.push(f.column_name);
      fk.refColumns.push(f.ref_column);
    }
    const fkNames = new Set(foreignKeys.map((f) => f.name));
    const keyed = new Map<string, { unique: boolean; columns: string[] }>();
    for (const s of statRows) {
      if (s.table_name !== t.table_name) continue;
      const entry = keyed.get(s.index_name) ?? { unique: Number(s.non_unique) === 0, columns: [] };
      entry.columns.push(s.column_name);
      keyed.set(s.index_name, entry);
    }
    let primaryKey: CatalogKey | undefined;
    const uniques: CatalogKey[] = [];
    const indexes: CatalogKey[] = [];
    for (const [name, entry] of keyed) {
      if (name === 'PRIMARY') primaryKey = { name, columns: entry.columns };
      else if (entry.unique) uniques.push({ name, columns: entry.columns });
      else if (!fkNames.has(name)) indexes.push({ name, columns: entry.columns }); // MySQL adds an index per foreign key
    }
    tables.push({
      namespace: undefined,
      name: t.table_name,
      columns,
      primaryKey,
      uniques,
      indexes,
      foreignKeys,
      checks,
      comment: t.table_comment === '' ? undefined : t.table_comment,
    });
  }
  return { dialect: 'mysql', tables, enums: [] };
}
