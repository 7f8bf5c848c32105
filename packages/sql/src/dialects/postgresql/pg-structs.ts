import { SchemaError } from '../../errors';
import type { CatalogStruct } from '../../schema/catalog';
import { fieldContext } from '../../values/struct-values';
import type { StructFieldSpec } from '../../schema/struct-fields';
import type { ColumnSpec, SchemaSpec } from '../../schema/table-spec';

/**
 * What the struct helpers need of the PostgreSQL dialect (which passes itself): type names
 * and quoting. An interface here, so that this module does not import the dialect back.
 */
export interface PgTypeNames {
  /** The column type as `format_type` prints it. */
  canonicalType(column: ColumnSpec): string;
  /** The quoted, qualified name of an enum or composite type. */
  enumRef(namespace: string | undefined, name: string): string;
  /** Quote an identifier. */
  quoteIdentifier(name: string): string;
}

/** A composite type the models need; `owner` is the first `Class.field` using it. */
export interface PgStructSpec {
  readonly namespace: string | undefined;
  readonly name: string;
  readonly fields: readonly StructFieldSpec[];
  readonly owner: string;
}

/** The PostgreSQL type of one struct field, as `format_type` prints it. */
export function fieldType(pg: PgTypeNames, field: StructFieldSpec): string {
  const ctx = fieldContext(
    {
      dialect: 'postgresql',
      table: '',
      column: { property: '', name: '', type: 'text', nullable: true, default: undefined, keyed: false, structFields: [field] },
      jsType: 'other',
      trimDecimal: false,
      uniqueKey: false,
    },
    field,
  );
  return pg.canonicalType(ctx.column);
}

function fieldsKey(pg: PgTypeNames, fields: readonly StructFieldSpec[]): string {
  return fields.map((f) => `${f.name} ${fieldType(pg, f)}`).join(', ');
}

/** Composite types of `schema`, keyed by qualified name; one name used with two field lists is an error. */
export function structsOf(pg: PgTypeNames, schema: SchemaSpec): Map<string, PgStructSpec> {
  const out = new Map<string, PgStructSpec>();
  for (const table of schema.tables) {
    for (const c of table.columns) {
      if (c.type !== 'struct') continue;
      const key = pg.enumRef(table.namespace, c.structName as string);
      const fields = c.structFields as readonly StructFieldSpec[];
      const previous = out.get(key);
      if (previous && fieldsKey(pg, previous.fields) !== fieldsKey(pg, fields)) {
        throw new SchemaError(
          `${table.model.name}.${c.property}: composite type ${key} is also used with other fields (${previous.owner}); give one of them another structName.`,
        );
      }
      if (!previous) out.set(key, { namespace: table.namespace, name: c.structName as string, fields, owner: `${table.model.name}.${c.property}` });
    }
  }
  return out;
}

export function structStatement(pg: PgTypeNames, st: PgStructSpec): string {
  return `CREATE TYPE ${pg.enumRef(st.namespace, st.name)} AS (${st.fields.map((f) => `${pg.quoteIdentifier(f.name)} ${fieldType(pg, f)}`).join(', ')})`;
}

/**
 * What brings a live composite type to the struct's fields: ADD ATTRIBUTE for new fields,
 * DROP ATTRIBUTE (with allowDrop; skipped otherwise) for removed ones. A field whose type
 * changes is refused with a SchemaError naming the class and field.
 */
export function alterStruct(
  pg: PgTypeNames,
  st: PgStructSpec,
  found: CatalogStruct,
  allowDrop: boolean,
): { statements: string[]; skipped: string[]; destructive: boolean } {
  const ref = pg.enumRef(st.namespace, st.name);
  const statements: string[] = [];
  const skipped: string[] = [];
  let destructive = false;
  const live = new Map(found.fields.map((f) => [f.name, f.type]));
  for (const f of st.fields) {
    const want = fieldType(pg, f);
    const have = live.get(f.name);
    if (have === undefined) {
      statements.push(`ALTER TYPE ${ref} ADD ATTRIBUTE ${pg.quoteIdentifier(f.name)} ${want}`);
    } else if (have !== want) {
      throw new SchemaError(
        `${st.owner}: struct field '${f.name}' of composite type ${ref} would change type from ${have} to ${want}; changing a struct field's type is refused (stored values may not convert): add a field with a new name instead. Nothing was changed.`,
      );
    }
  }
  const declared = new Set(st.fields.map((f) => f.name));
  for (const f of found.fields) {
    if (declared.has(f.name)) continue;
    if (allowDrop) {
      statements.push(`ALTER TYPE ${ref} DROP ATTRIBUTE ${pg.quoteIdentifier(f.name)}`);
      destructive = true;
    } else {
      skipped.push(`field '${f.name}' of composite type ${ref} is no longer declared by ${st.owner} (pass allowDrop to drop it)`);
    }
  }
  return { statements, skipped, destructive };
}
