import 'reflect-metadata';

/** Logical column types; each dialect maps them to its own. */
export type SqlType =
  | 'text'
  | 'varchar'
  | 'integer'
  | 'bigint'
  | 'smallint'
  | 'double'
  | 'real'
  | 'decimal'
  | 'boolean'
  | 'timestamp'
  | 'date'
  | 'json'
  | 'uuid'
  | 'bytes'
  | 'enum'
  | 'struct';

/** The type of one field of a `struct` column: a scalar type, with its length where it has one. */
export type StructFieldType = 'text' | 'varchar' | 'integer' | 'smallint' | 'double' | 'real' | 'boolean' | 'timestamp' | 'date' | 'uuid' | 'json';

/** One field of a `struct` column's `fields`: a type, or a type with its length. */
export type StructField =
  | StructFieldType
  | {
      /** The field's type. */
      type: StructFieldType;
      /** Length of a `varchar` field. */
      length?: number;
    };

/** A TypeScript string enum object or a list of allowed values. */
export type EnumSource = Readonly<Record<string, string | number>> | readonly string[];

/** Options of `@Column(...)`; every one is optional. */
export interface ColumnOptions {
  /** Column name; defaults to the property name. */
  name?: string;
  /** Column type; inferred from `design:type` when omitted (`enum` when `enum` is given). */
  type?: SqlType;
  /** Length of a `varchar`. */
  length?: number;
  /** Precision and scale of a `decimal`. */
  precision?: number;
  /** Digits after the decimal point of a `decimal` column. */
  scale?: number;
  /** Allow NULL. Identifiers never are; attributes are NOT NULL unless set; `@Field`s default to nullable. */
  nullable?: boolean;
  /** A single-column UNIQUE constraint (`true`, or a constraint name). */
  unique?: boolean | string;
  /** A single-column index (`true`, or an index name). */
  index?: boolean | string;
  /** SQL default: a string, number or boolean literal. */
  default?: string | number | boolean;
  /** Allowed values: native enum on PostgreSQL, ENUM on MySQL, CHECK on SQLite. */
  enum?: EnumSource;
  /** Name of the PostgreSQL enum type (default `<table>_<column>`). */
  enumName?: string;
  /**
   * How an `enum` is stored: `'native'` (default: enum type, ENUM or CHECK) or `'lookup'`
   * (a lookup table `id` + unique `value`, filled by syncSchema, referenced by a foreign
   * key from this integer column; values are translated to ids and back on every path).
   */
  enumAs?: 'native' | 'lookup';
  /**
   * Fields of a `struct` column, in order: `{ x: 'double', label: { type: 'varchar', length: 20 } }`.
   * Without it, the fields are the `@Column({ type })`-decorated properties of the property's
   * declared class (its `design:type`).
   */
  fields?: Readonly<Record<string, StructField>>;
  /** Name of the PostgreSQL composite type of a `struct` column (default `<table>_<column>`). */
  structName?: string;
  /** Name of the lookup table of an `enumAs: 'lookup'` column (default `<table>_<column>`), in the table's namespace. */
  lookupTable?: string;
  /** Column comment. */
  comment?: string;
  /**
   * The JS type the property holds, where `design:type` cannot tell (a union such as
   * `bigint | null` is emitted as `Object`, always so when compiling without type
   * information, e.g. ts-jest's isolatedModules). Decides how `bigint` columns load
   * (`'bigint'` or `'number'`) and `decimal` columns (`'string'` or `'number'`).
   * Default: from `design:type`, else `'number'`.
   */
  jsType?: 'bigint' | 'number' | 'string';
  /**
   * With `jsType: 'string'` on a decimal: load the shortest exact text (`1.50` → `1.5`,
   * `2.000` → `2`) instead of the text at the column's scale, so equal values compare equal
   * across engines and scales (PostgreSQL `numeric` against MariaDB `decimal(65,30)`).
   * Models built from a catalog use it.
   */
  trimDecimal?: boolean;
}

/** Options of `@Table(...)`. */
export interface TableOptions {
  /** Table name; defaults to the `@Model` name. */
  name?: string;
  /** Schema on PostgreSQL, `namespace__table` prefix on MySQL and SQLite. */
  namespace?: string;
  /** Table comment. */
  comment?: string;
  /** Multi-column UNIQUE constraints, as lists of property names. */
  unique?: string[][];
  /** Multi-column indexes, as lists of property names. */
  indexes?: string[][];
}

export const TABLE_ARGS_KEY = Symbol.for('@diffsync/sql/table');
export const COLUMN_ARGS_KEY = Symbol.for('@diffsync/sql/columns');

/** Table options for a model class (all optional). */
export function Table(options: TableOptions = {}): ClassDecorator {
  const recorded = Object.freeze({ ...options });
  return (target) => {
    Reflect.defineMetadata(TABLE_ARGS_KEY, recorded, target);
  };
}

/** Column options for a model field. Combine with `@Identifier`, `@Attribute` or `@Field`. */
export function Column(options: ColumnOptions = {}): PropertyDecorator {
  const recorded = Object.freeze({ ...options });
  return (prototype, property) => {
    const ctor = (prototype as { constructor: Function }).constructor;
    const inherited = (Reflect.getMetadata(COLUMN_ARGS_KEY, ctor) as Record<string, ColumnOptions> | undefined) ?? {};
    const own = Reflect.getOwnMetadata(COLUMN_ARGS_KEY, ctor) as Record<string, ColumnOptions> | undefined;
    const map = { ...(own ?? inherited), [String(property)]: recorded };
    Reflect.defineMetadata(COLUMN_ARGS_KEY, map, ctor);
  };
}

export function getTableOptions(cls: Function): TableOptions {
  return (Reflect.getMetadata(TABLE_ARGS_KEY, cls) as TableOptions | undefined) ?? {};
}

export function getColumnOptions(cls: Function): Record<string, ColumnOptions> {
  return (Reflect.getMetadata(COLUMN_ARGS_KEY, cls) as Record<string, ColumnOptions> | undefined) ?? {};
}
