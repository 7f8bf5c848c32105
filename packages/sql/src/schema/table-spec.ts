import type { ModelClass, ModelMetadata } from '@diffsync/core';
import { getModelMetadata } from '@diffsync/core';
import type { ColumnOptions, EnumSource, SqlType } from '../metadata/decorators';
import { getColumnOptions, getTableOptions } from '../metadata/decorators';
import type { StructFieldSpec } from './struct-fields';
import { structFieldsOf } from './struct-fields';
import { SchemaError } from '../errors';
import { constraintName, enumTypeName, fitName } from './names';
import { LOOKUP_VALUE_LENGTH, lookupModel } from './lookup-tables';

/** One column as every dialect sees it. */
export interface ColumnSpec {
  /** Model property holding the value. */
  readonly property: string;
  /** Column name. */
  readonly name: string;
  /** Logical type (each dialect maps it to its own). */
  readonly type: SqlType;
  /** Length of `varchar` / `char` columns. */
  readonly length?: number;
  /** Precision of `decimal` columns. */
  readonly precision?: number;
  /** Scale of `decimal` columns. */
  readonly scale?: number;
  /** True when the column allows NULL. */
  readonly nullable: boolean;
  /** SQL default literal, `undefined` for none. */
  readonly default: string | number | boolean | undefined;
  /** Allowed values of an `enum` column. */
  readonly enumValues?: readonly string[];
  /** PostgreSQL enum type name (unqualified). */
  readonly enumName?: string;
  /** Column comment. */
  readonly comment?: string;
  /** Part of a key, unique constraint, index or foreign key (MySQL needs a bounded type). */
  readonly keyed: boolean;
  /** JSON columns: `'array'` when the property is an array (design:type `Array`), else `'object'`. */
  readonly jsonShape?: 'array' | 'object';
  /** A `struct` column's fields, in order. */
  readonly structFields?: readonly StructFieldSpec[];
  /** PostgreSQL composite type name of a `struct` column (unqualified). */
  readonly structName?: string;
  /** An `enumAs: 'lookup'` column: an integer id into this lookup table (same namespace), which holds these values. */
  readonly lookup?: {
    /** The lookup table's name. */
    readonly table: string;
    /** The values it holds. */
    readonly values: readonly string[];
  };
}

/** A unique constraint or index: its name and columns. */
export interface KeySpec {
  /** Constraint or index name. */
  readonly name: string;
  /** Column names, in key order. */
  readonly columns: readonly string[];
}

/** A foreign key from a child table to its parent (from `@Children(…, { foreignKey })`). */
export interface ForeignKeySpec extends KeySpec {
  /** Namespace of the referenced table. */
  readonly refNamespace: string | undefined;
  /** Referenced table (logical name). */
  readonly refTable: string;
  /** Referenced columns, in key order. */
  readonly refColumns: readonly string[];
}

/** A model's table: what generation, planning and row operations share. */
export interface TableSpec {
  /** The model class. */
  readonly model: ModelClass;
  /** The model's core metadata. */
  readonly meta: ModelMetadata;
  /** Logical table name (without namespace). */
  readonly name: string;
  /** Namespace (`@Table({ namespace })`): a PostgreSQL schema, a name prefix elsewhere. */
  readonly namespace: string | undefined;
  /** `namespace__name` or `name`: the name used for constraint names. */
  readonly flatName: string;
  /** Table comment. */
  readonly comment?: string;
  /** Columns in declaration order. */
  readonly columns: readonly ColumnSpec[];
  /** Columns by model property. */
  readonly columnByProperty: ReadonlyMap<string, ColumnSpec>;
  /** Primary key column names: identifiers in declaration order. */
  readonly primaryKey: readonly string[];
  /** Name of the primary key constraint. */
  readonly primaryKeyName: string;
  /** UNIQUE constraints. */
  readonly uniques: readonly KeySpec[];
  /** Indexes. */
  readonly indexes: readonly KeySpec[];
  /** Foreign keys to parent tables. */
  readonly foreignKeys: readonly ForeignKeySpec[];
}

/** Tables for a set of models, parents before children. */
export interface SchemaSpec {
  /** Tables, parents before children. */
  readonly tables: readonly TableSpec[];
  /**
   * The table of a model class.
   *
   * @throws {@link SchemaError} when the model is not part of this schema.
   */
  tableOf(model: Function): TableSpec;
}

function fail(cls: Function, field: string | undefined, message: string): never {
  throw new SchemaError(`${cls.name}${field === undefined ? '' : `.${field}`}: ${message}`);
}

function enumValuesOf(cls: Function, field: string, source: EnumSource): string[] {
  const values: unknown[] = Array.isArray(source)
    ? [...(source as readonly string[])]
    : (() => {
        const record = source as Record<string, string | number>;
        // Numeric TS enums carry reverse mappings (`{ 0: 'A', A: 0 }`).
        return Object.keys(record)
          .filter((k) => !/^\d+$/.test(k))
          .map((k) => record[k]);
      })();
  if (values.length === 0) fail(cls, field, 'the enum has no values.');
  for (const v of values) {
    if (typeof v !== 'string') {
      fail(cls, field, `enum values must be strings (got ${JSON.stringify(v)}); use a string enum or a list of strings.`);
    }
  }
  if (new Set(values).size !== values.length) fail(cls, field, 'the enum has duplicate values.');
  return values as string[];
}

function inferType(cls: Function, field: string, designType: Function | undefined, options: ColumnOptions): SqlType {
  if (options.type) return options.type;
  if (options.enum) return 'enum';
  switch (designType) {
    case String:
      return 'text';
    case Number:
      return 'double';
    case Boolean:
      return 'boolean';
    case Date:
      return 'timestamp';
    case Array:
    case Object:
      return 'json';
    case BigInt:
      return 'bigint';
    case Buffer:
    case Uint8Array:
      return 'bytes';
    case undefined:
      return fail(cls, field, 'its type is unknown (no design:type: enable emitDecoratorMetadata, or set @Column({ type })).');
    default:
      if (typeof designType === 'function') return 'json';
      return fail(cls, field, `unsupported type ${String(designType)}; set @Column({ type }).`);
  }
}

const SQL_DEFAULT_TYPES = new Set(['string', 'number', 'boolean']);

function buildColumn(cls: Function, meta: ModelMetadata, property: string, options: ColumnOptions, tableName: string, keyed: boolean): ColumnSpec {
  const field = meta.fieldByName.get(property);
  if (!field) return fail(cls, property, '@Column on a property that is not an @Identifier, @Attribute or @Field.');
  if (field.kind === 'children') return fail(cls, property, '@Column on a @Children list: children are not columns.');
  const asLookup = options.enumAs === 'lookup';
  if (asLookup && !options.enum) fail(cls, property, "enumAs: 'lookup' needs @Column({ enum: ... }).");
  if (options.enumAs !== undefined && options.enumAs !== 'lookup' && options.enumAs !== 'native') {
    fail(cls, property, `enumAs must be 'native' or 'lookup' (got ${JSON.stringify(options.enumAs)}).`);
  }
  const type = asLookup ? 'integer' : inferType(cls, property, field.designType, options);
  if (options.enum && !asLookup && type !== 'enum') fail(cls, property, `'enum' given with type '${type}'.`);
  if (type === 'enum' && !options.enum) fail(cls, property, "type 'enum' needs @Column({ enum: ... }).");
  if (field.kind === 'identifier' && options.nullable === true) fail(cls, property, 'an identifier (primary key column) cannot be nullable.');
  const nullable = field.kind === 'identifier' ? false : (options.nullable ?? field.kind === 'field');
  let dflt = options.default;
  if (dflt === undefined && field.hasDefault && SQL_DEFAULT_TYPES.has(typeof field.default) && type !== 'json' && type !== 'struct') {
    dflt = field.default as string | number | boolean;
  }
  if (dflt !== undefined && !SQL_DEFAULT_TYPES.has(typeof dflt)) {
    fail(cls, property, 'a column default must be a string, number or boolean.');
  }
  if (typeof dflt === 'number' && !Number.isFinite(dflt)) fail(cls, property, 'a column default must be a finite number.');
  const name = options.name ?? property;
  if (name.length === 0) fail(cls, property, 'empty column name.');
  const allValues = options.enum ? enumValuesOf(cls, property, options.enum) : undefined;
  if (allValues && dflt !== undefined && !allValues.includes(String(dflt))) {
    fail(cls, property, `default ${JSON.stringify(dflt)} is not one of the enum values.`);
  }
  if (asLookup && dflt !== undefined) fail(cls, property, "an enumAs: 'lookup' column cannot have a default (its ids are assigned by syncSchema).");
  const tooLong = asLookup ? allValues?.find((v) => [...v].length > LOOKUP_VALUE_LENGTH) : undefined;
  if (tooLong !== undefined)
    fail(
      cls,
      property,
      `enum value ${JSON.stringify(tooLong.slice(0, 40))}… is longer than a lookup table's value column (${LOOKUP_VALUE_LENGTH} characters).`,
    );
  const enumValues = asLookup ? undefined : allValues;
  return Object.freeze({
    property,
    name,
    type,
    length: options.length ?? (type === 'varchar' ? 255 : undefined),
    precision: options.precision ?? (type === 'decimal' ? 18 : undefined),
    scale: options.scale ?? (type === 'decimal' ? 6 : undefined),
    nullable,
    default: dflt,
    enumValues,
    enumName: type === 'enum' ? (options.enumName ?? enumTypeName(tableName, name)) : undefined,
    comment: options.comment,
    keyed,
    jsonShape: type === 'json' ? (field.designType === Array ? 'array' : 'object') : undefined,
    structFields: type === 'struct' ? structFieldsOf(cls, property, options, field.designType) : undefined,
    structName: type === 'struct' ? (options.structName ?? enumTypeName(tableName, name)) : undefined,
    lookup: asLookup ? { table: options.lookupTable ?? enumTypeName(tableName, name), values: allValues as string[] } : undefined,
  });
}

interface PartialTable {
  model: ModelClass;
  meta: ModelMetadata;
  name: string;
  namespace: string | undefined;
  flatName: string;
  comment?: string;
  columns: ColumnSpec[];
  columnByProperty: Map<string, ColumnSpec>;
  primaryKey: string[];
  primaryKeyName: string;
  uniques: KeySpec[];
  indexes: KeySpec[];
  foreignKeys: ForeignKeySpec[];
}

function keyColumns(cls: Function, byProperty: Map<string, ColumnSpec>, properties: readonly string[], what: string): string[] {
  if (properties.length === 0) fail(cls, undefined, `${what} lists no fields.`);
  return properties.map((p) => {
    const col = byProperty.get(p);
    if (!col) return fail(cls, p, `${what} names '${p}', which is not a column of the model.`);
    return col.name;
  });
}

function buildTable(model: ModelClass, fkProperties: ReadonlySet<string>): PartialTable {
  const meta = getModelMetadata(model);
  const tableOptions = getTableOptions(model);
  const columnOptions = getColumnOptions(model);
  const name = tableOptions.name ?? meta.name;
  const namespace = tableOptions.namespace || undefined;
  if (name.length === 0) fail(model, undefined, 'empty table name.');
  const flatName = namespace ? `${namespace}__${name}` : name;
  for (const property of Object.keys(columnOptions)) {
    if (!meta.fieldByName.has(property)) fail(model, property, '@Column on a property that is not an @Identifier, @Attribute or @Field.');
  }
  const keyedProps = new Set<string>([...meta.identifiers, ...fkProperties]);
  for (const list of [...(tableOptions.unique ?? []), ...(tableOptions.indexes ?? [])]) list.forEach((p) => keyedProps.add(p));
  const columns: ColumnSpec[] = [];
  const byProperty = new Map<string, ColumnSpec>();
  for (const field of meta.fields) {
    if (field.kind === 'children') continue;
    const options = columnOptions[field.property] ?? {};
    const keyed = keyedProps.has(field.property) || !!options.unique || !!options.index;
    const col = buildColumn(model, meta, field.property, options, name, keyed);
    if (columns.some((c) => c.name === col.name)) fail(model, field.property, `two fields map to column '${col.name}'.`);
    columns.push(col);
    byProperty.set(field.property, col);
  }
  if (meta.identifiers.length === 0) fail(model, undefined, 'a table needs at least one @Identifier (the primary key).');
  const primaryKey = meta.identifiers.map((p) => (byProperty.get(p) as ColumnSpec).name);
  const uniques: KeySpec[] = [];
  const indexes: KeySpec[] = [];
  for (const col of columns) {
    const options = columnOptions[col.property] ?? {};
    if (options.unique) {
      uniques.push({ name: typeof options.unique === 'string' ? options.unique : constraintName('uq', flatName, [col.name]), columns: [col.name] });
    }
    if (options.index) {
      indexes.push({ name: typeof options.index === 'string' ? options.index : constraintName('ix', flatName, [col.name]), columns: [col.name] });
    }
  }
  for (const list of tableOptions.unique ?? []) {
    const cols = keyColumns(model, byProperty, list, '@Table unique');
    uniques.push({ name: constraintName('uq', flatName, cols), columns: cols });
  }
  for (const list of tableOptions.indexes ?? []) {
    const cols = keyColumns(model, byProperty, list, '@Table indexes');
    indexes.push({ name: constraintName('ix', flatName, cols), columns: cols });
  }
  return {
    model,
    meta,
    name,
    namespace,
    flatName,
    comment: tableOptions.comment,
    columns,
    columnByProperty: byProperty,
    primaryKey,
    primaryKeyName: fitName(`${flatName}_pkey`),
    uniques,
    indexes,
    foreignKeys: [],
  };
}

/** Tables for `models`: columns, keys, and foreign keys from `@Children(…, { foreignKey })`. */
export function buildSchemaSpec(models: readonly ModelClass[], options: { partial?: boolean; lookups?: boolean } = {}): SchemaSpec {
  const byName = new Map<string, ModelClass>();
  for (const model of models) {
    const meta = getModelMetadata(model);
    const previous = byName.get(meta.name);
    if (previous && previous !== model) fail(model, undefined, `two models are named '${meta.name}' (${previous.name} and ${model.name}).`);
    byName.set(meta.name, model);
  }
  // Which child properties are foreign-key columns (they need bounded types on MySQL).
  const fkProps = new Map<string, Set<string>>();
  for (const model of byName.values()) {
    for (const child of getModelMetadata(model).children) {
      if (!child.foreignKey) continue;
      const set = fkProps.get(child.modelName) ?? new Set<string>();
      child.foreignKey.forEach((p) => set.add(p));
      fkProps.set(child.modelName, set);
    }
  }
  const tables = new Map<string, PartialTable>();
  for (const [name, model] of byName) tables.set(name, buildTable(model, fkProps.get(name) ?? new Set()));
  const seenTables = new Map<string, string>();
  for (const t of tables.values()) {
    const key = `${t.namespace ?? ''}\u0000${t.name}`;
    const other = seenTables.get(key);
    if (other) fail(t.model, undefined, `models '${other}' and '${t.meta.name}' map to the same table '${t.flatName}'.`);
    seenTables.set(key, t.meta.name);
  }
  const parentsOf = new Map<string, Set<string>>();
  for (const parent of tables.values()) {
    for (const child of parent.meta.children) {
      if (!child.foreignKey) continue;
      const childTable = tables.get(child.modelName);
      if (!childTable) {
        if (options.partial) continue;
        fail(parent.model, child.property, `foreignKey refers to model '${child.modelName}', which is not in the list of models.`);
      }
      if (child.foreignKey.length !== parent.primaryKey.length) {
        fail(
          parent.model,
          child.property,
          `foreignKey has ${child.foreignKey.length} field(s) but '${parent.meta.name}' has ${parent.primaryKey.length} identifier(s) (${parent.meta.identifiers.join(', ')}); list one child field per parent identifier, in order.`,
        );
      }
      const columns = keyColumns(childTable.model, childTable.columnByProperty, child.foreignKey, `foreignKey of ${parent.model.name}.${child.property}`);
      childTable.foreignKeys.push({
        name: constraintName('fk', childTable.flatName, columns),
        columns,
        refNamespace: parent.namespace,
        refTable: parent.name,
        refColumns: parent.primaryKey,
      });
      const set = parentsOf.get(child.modelName) ?? new Set<string>();
      set.add(parent.meta.name);
      parentsOf.set(child.modelName, set);
    }
  }
  if (options.lookups) {
    // Lookup tables of `enumAs: 'lookup'` columns: created before, and referenced by, their owners.
    for (const owner of [...tables.values()]) {
      for (const col of owner.columns) {
        if (!col.lookup) continue;
        const model = lookupModel(owner.namespace, col.lookup.table);
        const name = getModelMetadata(model).name;
        if (!tables.has(name)) tables.set(name, buildTable(model, new Set()));
        owner.foreignKeys.push({
          name: constraintName('fk', owner.flatName, [col.name]),
          columns: [col.name],
          refNamespace: owner.namespace,
          refTable: col.lookup.table,
          refColumns: ['id'],
        });
        const set = parentsOf.get(owner.meta.name) ?? new Set<string>();
        set.add(name);
        parentsOf.set(owner.meta.name, set);
      }
    }
  }
  // Parents before children (stable: declaration order otherwise).
  const ordered: PartialTable[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string): void => {
    const s = state.get(name);
    if (s === 'done' || s === 'visiting') return; // a cycle keeps declaration order
    state.set(name, 'visiting');
    for (const parent of parentsOf.get(name) ?? []) if (parent !== name) visit(parent);
    state.set(name, 'done');
    ordered.push(tables.get(name) as PartialTable);
  };
  for (const name of tables.keys()) visit(name);
  const frozen = ordered.map((t) => Object.freeze({ ...t }) as TableSpec);
  const byModel = new Map<Function, TableSpec>(frozen.map((t) => [t.model, t]));
  return {
    tables: frozen,
    tableOf(model: Function): TableSpec {
      const t = byModel.get(model);
      if (!t) throw new SchemaError(`${model.name} is not one of this schema's models.`);
      return t;
    },
  };
}

const singleCache = new WeakMap<Function, SchemaSpec>();

/** The table of one model on its own (no foreign keys): for row operations. */
export function tableSpecOf(model: ModelClass): TableSpec {
  let spec = singleCache.get(model);
  if (!spec) {
    spec = buildSchemaSpec([model], { partial: true });
    singleCache.set(model, spec);
  }
  return spec.tableOf(model);
}
