import type { Session } from '../../session/session';
import type { Catalog, CatalogEnum, CatalogStruct, CatalogTable, DiscoverOptions } from '../../schema/catalog';

/** `'it''s'::text` → `it's`; `1` → `1`; `true` → `true`. Non-literal expressions stay as they are. */
export function normalisePgDefault(expression: string | null): string | undefined {
  if (expression === null) return undefined;
  let text = expression.trim();
  for (;;) {
    const m = /^(.*?)::[a-zA-Z_ "().,0-9]+(\[\])?$/s.exec(text);
    if (!m || (m[1].includes("'") && !m[1].endsWith("'"))) break;
    text = m[1];
    if (text.startsWith('(') && text.endsWith(')')) text = text.slice(1, -1);
  }
  if (/^'.*'$/s.test(text)) return text.slice(1, -1).split("''").join("'");
  return text;
}

interface ColumnRow {
  schema: string;
  table: string;
  table_comment: string | null;
  column: string | null;
  type: string | null;
  typtype: string | null;
  typname: string | null;
  notnull: boolean | null;
  dflt: string | null;
  comment: string | null;
}

interface ConstraintRow {
  schema: string;
  table: string;
  name: string;
  type: string;
  columns: string[];
  ref_schema: string | null;
  ref_table: string | null;
  ref_columns: string[] | null;
  definition: string;
}

interface IndexRow {
  schema: string;
  table: string;
  name: string;
  unique: boolean;
  columns: string[];
}

/** Reads the tables, constraints, indexes and enum types of one schema. */
export async function discoverPostgres(conn: Session, options: DiscoverOptions = {}): Promise<Catalog> {
  const schema = options.namespace ?? conn.defaultNamespace;
  const ns = (s: string) => (s === conn.defaultNamespace ? undefined : s);
  const columns = await conn.query<ColumnRow>(
    `SELECT n.nspname AS schema, c.relname AS table, obj_description(c.oid, 'pg_class') AS table_comment,
            a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type, t.typtype, t.typname,
            a.attnotnull AS notnull, pg_get_expr(d.adbin, d.adrelid) AS dflt, col_description(c.oid, a.attnum) AS comment
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       LEFT JOIN pg_type t ON t.oid = a.atttypid
       LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')
      ORDER BY c.relname, a.attnum`,
    [schema],
  );
  const constraints = await conn.query<ConstraintRow>(
    `SELECT n.nspname AS schema, c.relname AS table, k.conname AS name, k.contype AS type,
            ARRAY(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum ORDER BY u.ord)::text[] AS columns,
            rn.nspname AS ref_schema, rc.relname AS ref_table,
            ARRAY(SELECT a.attname FROM unnest(k.confkey) WITH ORDINALITY AS u(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.attnum ORDER BY u.ord)::text[] AS ref_columns,
            pg_get_constraintdef(k.oid) AS definition
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_class rc ON rc.oid = k.confrelid
       LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
      WHERE n.nspname = $1 AND k.contype IN ('p', 'u', 'f', 'c')
      ORDER BY k.conname`,
    [schema],
  );
  const indexes = await conn.query<IndexRow>(
    `SELECT n.nspname AS schema, c.relname AS table, ic.relname AS name, i.indisunique AS unique,
            ARRAY(SELECT a.attname FROM unnest(i.indkey) WITH ORDINALITY AS u(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = u.attnum ORDER BY u.ord)::text[] AS columns
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x'))
      ORDER BY ic.relname`,
    [schema],
  );
  const enumRows = await conn.query<{ name: string; values: string[] }>(
    `SELECT t.typname AS name, ARRAY(SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)::text[] AS values
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = $1 AND t.typtype = 'e'
      ORDER BY t.typname`,
    [schema],
  );
  const structRows = await conn.query<{ name: string; fields: string[]; types: string[] }>(
    `SELECT t.typname AS name,
            ARRAY(SELECT a.attname FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum)::text[] AS fields,
            ARRAY(SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum)::text[] AS types
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_class c ON c.oid = t.typrelid
      WHERE n.nspname = $1 AND t.typtype = 'c' AND c.relkind = 'c'
      ORDER BY t.typname`,
    [schema],
  );

  const tables = new Map<string, CatalogTable & { columns: CatalogTable['columns'][number][] }>();
  for (const row of columns) {
    let table = tables.get(row.table);
    if (!table) {
      table = {
        namespace: ns(row.schema),
        name: row.table,
        columns: [],
        primaryKey: undefined,
        uniques: [],
        indexes: [],
        foreignKeys: [],
        checks: [],
        comment: row.table_comment ?? undefined,
      };
      tables.set(row.table, table);
    }
    if (row.column === null) continue;
    table.columns.push({
      name: row.column,
      type: row.typtype === 'e' ? `enum:${row.typname}` : row.typtype === 'c' ? `struct:${row.typname}` : (row.type as string),
      nullable: !row.notnull,
      default: normalisePgDefault(row.dflt),
      comment: row.comment ?? undefined,
    });
  }
  for (const k of constraints) {
    const table = tables.get(k.table) as { -readonly [K in keyof CatalogTable]: CatalogTable[K] } | undefined;
    if (!table) continue;
    if (k.type === 'p') table.primaryKey = { name: k.name, columns: k.columns };
    else if (k.type === 'u') (table.uniques as CatalogTable['uniques'][number][]).push({ name: k.name, columns: k.columns });
    else if (k.type === 'c') (table.checks as CatalogTable['checks'][number][]).push({ name: k.name, expression: k.definition });
    else {
      (table.foreignKeys as CatalogTable['foreignKeys'][number][]).push({
        name: k.name,
        columns: k.columns,
        refNamespace: ns(k.ref_schema as string),
        refTable: k.ref_table as string,
        refColumns: k.ref_columns ?? [],
      });
    }
  }
  for (const ix of indexes) {
    const table = tables.get(ix.table);
    if (!table) continue;
    const list = (ix.unique ? table.uniques : table.indexes) as CatalogTable['indexes'][number][];
    list.push({ name: ix.name, columns: ix.columns });
  }
  const enums: CatalogEnum[] = enumRows.map((e) => ({ namespace: ns(schema), name: e.name, values: e.values }));
  const structs: CatalogStruct[] = structRows.map((r) => ({
    namespace: ns(schema),
    name: r.name,
    fields: r.fields.map((name, i) => ({ name, type: r.types[i] })),
  }));
  return { dialect: 'postgresql', tables: [...tables.values()], enums, structs };
}
