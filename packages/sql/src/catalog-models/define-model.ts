import 'reflect-metadata';
import type { ModelClass } from '@diffsync/core';
import { Attribute, Children, DiffSyncModel, Field, Identifier, Model } from '@diffsync/core';
import type { ColumnOptions, SqlType } from '../metadata/decorators';
import { Column, Table } from '../metadata/decorators';
import { SchemaError } from '../errors';

/** A field given as its column type, or as full `@Column` options. */
export type FieldDefinition = SqlType | ColumnOptions;

/** A children list of a model built by `defineModel`: the child model and its foreign key. */
export interface ChildDefinition {
  /** The child model's name. */
  model: string;
  /** Child fields holding this model's identifiers, in order. */
  foreignKey?: string[];
}

/** What `defineModel` builds a model class from: its name, table, identifiers, attributes and children. */
export interface ModelDefinition {
  /** The model's type name (keys the diff and the adapter). */
  name: string;
  /** Table name (default: `name`). */
  table?: string;
  /** PostgreSQL schema, or `namespace__` prefix on MySQL and SQLite. */
  namespace?: string;
  /** Primary key fields, in key order. */
  identifiers: Record<string, FieldDefinition>;
  /** Compared fields. */
  attributes?: Record<string, FieldDefinition>;
  /** Stored but never compared. */
  fields?: Record<string, FieldDefinition>;
  /** `@Children` lists by property name. */
  children?: Record<string, ChildDefinition>;
}

/** What TypeScript would emit as `design:type` for a property of this column type. */
function designTypeOf(type: SqlType | undefined, jsType: ColumnOptions['jsType']): Function {
  if (jsType === 'bigint') return BigInt;
  if (jsType === 'string') return String;
  if (jsType === 'number') return Number;
  switch (type) {
    case 'integer':
    case 'bigint':
    case 'smallint':
    case 'double':
    case 'real':
    case 'decimal':
      return Number;
    case 'boolean':
      return Boolean;
    case 'timestamp':
      return Date;
    case 'json':
      return Object;
    case 'bytes':
      return Buffer;
    default:
      return String;
  }
}

function optionsOf(model: string, property: string, def: FieldDefinition): ColumnOptions {
  const options = typeof def === 'string' ? { type: def } : { ...def };
  if (!options.type && !options.enum) {
    throw new SchemaError(`defineModel('${model}'): field '${property}' needs a column type (e.g. 'text', 'integer' or { type: 'varchar', length: 64 }).`);
  }
  return options;
}

/** A valid JavaScript class name for a model name (`order line` → `OrderLine`). */
function className(name: string): string {
  const words = name.split(/[^A-Za-z0-9_$]+/).filter((w) => w.length > 0);
  const joined = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  return /^[A-Za-z_$]/.test(joined) ? joined : `Model${joined}`;
}

/**
 * A decorated model class built at run time: the same metadata `@Model`, `@Table`,
 * `@Identifier`, `@Attribute`, `@Field`, `@Children` and `@Column` record on a
 * hand-written class, plus the `design:type` TypeScript would emit, so `SqlAdapter`,
 * `generateSchema` and the differ treat it exactly like one.
 */
export function defineModel(definition: ModelDefinition): ModelClass<DiffSyncModel> {
  const { name } = definition;
  if (typeof name !== 'string' || name.length === 0) throw new SchemaError('defineModel: `name` must be a non-empty string.');
  if (!definition.identifiers || Object.keys(definition.identifiers).length === 0) {
    throw new SchemaError(`defineModel('${name}'): at least one identifier (the primary key) is needed.`);
  }
  const label = className(name);
  const cls = { [label]: class extends DiffSyncModel {} }[label] as unknown as ModelClass<DiffSyncModel>;
  const proto = cls.prototype as object;
  const seen = new Set<string>();
  const declare = (property: string, def: FieldDefinition, role: PropertyDecorator) => {
    if (seen.has(property)) throw new SchemaError(`defineModel('${name}'): field '${property}' is declared twice.`);
    seen.add(property);
    const options = optionsOf(name, property, def);
    Reflect.defineMetadata('design:type', designTypeOf(options.type ?? 'enum', options.jsType), proto, property);
    role(proto, property);
    Column(options)(proto, property);
  };
  for (const [p, def] of Object.entries(definition.identifiers)) declare(p, def, Identifier());
  for (const [p, def] of Object.entries(definition.attributes ?? {})) declare(p, def, Attribute());
  for (const [p, def] of Object.entries(definition.fields ?? {})) declare(p, def, Field());
  for (const [p, child] of Object.entries(definition.children ?? {})) {
    if (seen.has(p)) throw new SchemaError(`defineModel('${name}'): field '${p}' is declared twice.`);
    seen.add(p);
    Reflect.defineMetadata('design:type', Array, proto, p);
    Children(child.model, child.foreignKey ? { foreignKey: [...child.foreignKey] } : {})(proto, p);
  }
  Table({ name: definition.table ?? name, ...(definition.namespace ? { namespace: definition.namespace } : {}) })(cls);
  Model(name)(cls);
  return cls;
}
