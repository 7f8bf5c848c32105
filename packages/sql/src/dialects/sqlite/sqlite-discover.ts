import type { Session } from '../../session/session';
import type { Catalog, CatalogCheck, CatalogKey, CatalogTable, DiscoverOptions } from '../../schema/catalog';

const QUOTED = '"((?:[^"]|"")*)"';
const unquote = (s: string) => s.replace(/""/g, '"');

function namedClauses(sql: string, kind: 'UNIQUE' | 'CHECK' | 'FOREIGN KEY'): Array<{ name: string; body: string }> {
  const out: Array<{ name: string; body: string }> = [];
  const re = new RegExp(`CONSTRAINT ${QUOTED} ${kind} `, 'g');
  let m: RegExpExecArray | null;
  while ((m = re.exec(sql)) !== null) {
    // The clause body runs to the end of the line (our DDL puts one clause per line).
    const start = re.lastIndex;
    const end = sql.indexOf('\n', start);
    out.push({ name: unquote(m[1]), body: sql.slice(start, end < 0 ? undefined : end).replace(/,$/, '') });
  }
  return out;
}

function columnList(text: string): string[] {
  const m = /^\((.*?)\)/.exec(text);
  if (!m) return [];
  return [...m[1].matchAll(new RegExp(QUOTED, 'g'))].map((x) => unquote(x[1]));
}

/** SQLite keeps a column default as written: `'it''s'` → `it's`. */
export function normaliseSqliteDefault(value: string | null): string | undefined {
  if (value === null) return undefined;
  if (/^'.*'$/s.test(value)) return value.slice(1, -1).split("''").join("'");
  return value;
}

export async function discoverSqlite(conn: Session, options: DiscoverOptions = {}): Promise<Catalog> {
  const prefix = options.namespace ? `${options.namespace}__` : undefined;
  const masters = await conn.query<{ type: string; name: string; tbl_name: string; sql: string | null }>(
    `SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name`,
  );
  const tables: CatalogTable[] = [];
  for (const t of masters) {
    if (t.type !== 'table' || (prefix && !t.name.startsWith(prefix))) continue;
    const sql = t.sql ?? '';
    const info = await conn.query<{ name: string; type: string; notnull: number; dflt_value: string | null; pk: number }>(
      'SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?)',
      [t.name],
    );
    const pkColumns = info
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    const pkName = new RegExp(`CONSTRAINT ${QUOTED} PRIMARY KEY`).exec(sql);
    const fkRows = await conn.query<{ id: number; seq: number; table: string; from: string; to: string }>(
      'SELECT id, seq, "table", "from", "to" FROM pragma_foreign_key_list(?) ORDER BY id, seq',
      [t.name],
    );
    const fkNames = namedClauses(sql, 'FOREIGN KEY');
    const byId = new Map<number, { columns: string[]; refColumns: string[]; refTable: string }>();
    for (const f of fkRows) {
      const entry = byId.get(f.id) ?? { columns: [], refColumns: [], refTable: f.table };
      entry.columns.push(f.from);
      entry.refColumns.push(f.to);
      byId.set(f.id, entry);
    }
    const foreignKeys = [...byId.values()].map((f) => {
      const named = fkNames.find((n) => columnList(n.body).join('\u0000') === f.columns.join('\u0000'));
      return {
        name: named?.name ?? `fk_${t.name}_${f.columns.join('_')}`,
        columns: f.columns,
        refNamespace: undefined,
        refTable: f.refTable,
        refColumns: f.refColumns,
      };
    });
    const uniques: CatalogKey[] = namedClauses(sql, 'UNIQUE').map((u) => ({ name: u.name, columns: columnList(u.body) }));
    const checks: CatalogCheck[] = namedClauses(sql, 'CHECK').map((c) => ({ name: c.name, expression: c.body }));
    const indexes: CatalogKey[] = [];
    for (const ix of masters) {
      if (ix.type !== 'index' || ix.tbl_name !== t.name || ix.sql === null) continue;
      const cols = await conn.query<{ name: string }>('SELECT name FROM pragma_index_info(?) ORDER BY seqno', [ix.name]);
      indexes.push({ name: ix.name, columns: cols.map((c) => c.name) });
    }
    tables.push({
      namespace: undefined,
      name: t.name,
      columns: info.map((c) => ({
        name: c.name,
        type: c.type,
        nullable: c.notnull === 0 && c.pk === 0,
        default: normaliseSqliteDefault(c.dflt_value),
        comment: undefined,
      })),
      primaryKey: pkColumns.length > 0 ? { name: pkName ? unquote(pkName[1]) : 'PRIMARY', columns: pkColumns } : undefined,
      uniques,
      indexes,
      foreignKeys,
      checks,
      comment: undefined,
      sql,
    });
  }
  return { dialect: 'sqlite', tables, enums: [] };
}

/** CREATE INDEX texts of a table, by index name. */
export async function sqliteIndexSql(conn: Session): Promise<Map<string, { table: string; sql: string }>> {
  const rows = await conn.query<{ name: string; tbl_name: string; sql: string }>(
    `SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`,
  );
  return new Map(rows.map((r) => [r.name, { table: r.tbl_name, sql: r.sql }]));
}
