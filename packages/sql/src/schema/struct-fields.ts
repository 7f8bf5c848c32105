import type { ColumnOptions, StructField, StructFieldType } from '../metadata/decorators';
import { getColumnOptions } from '../metadata/decorators';
import { SchemaError } from '../errors';

/** One field of a `struct` column. */
export interface StructFieldSpec {
  /** Field name. */
  readonly name: string;
  /** Field type. */
  readonly type: StructFieldType;
  /** Length of a `varchar` field. */
  readonly length?: number;
}

const FIELD_TYPES: ReadonlySet<string> = new Set(['text', 'varchar', 'integer', 'smallint', 'double', 'real', 'boolean', 'timestamp', 'date', 'uuid', 'json']);

function fail(cls: Function, property: string, message: string): never {
  throw new SchemaError(`${cls.name}.${property}: ${message}`);
}

function fieldSpec(cls: Function, property: string, name: string, field: StructField): StructFieldSpec {
  const type = typeof field === 'string' ? field : field?.type;
  if (typeof type !== 'string' || !FIELD_TYPES.has(type)) {
    fail(cls, property, `struct field '${name}' has type ${JSON.stringify(type)}; a struct field is one of ${[...FIELD_TYPES].join(', ')}.`);
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) fail(cls, property, `struct field name '${name}' must be a plain identifier (letters, digits, _).`);
  const length = typeof field === 'string' ? undefined : field.length;
  return { name, type, length: type === 'varchar' ? (length ?? 255) : undefined };
}

/**
 * The fields of a `struct` column: the `fields` option, else the `@Column({ type })`
 * properties of the property's declared class (`design:type`), in declaration order.
 */
export function structFieldsOf(cls: Function, property: string, options: ColumnOptions, designType: Function | undefined): StructFieldSpec[] {
  let entries: Array<[string, StructField]>;
  if (options.fields) {
    entries = Object.entries(options.fields);
  } else {
    const declared = typeof designType === 'function' && designType !== Object ? getColumnOptions(designType) : {};
    entries = Object.entries(declared).map(([name, o]) => [o.name ?? name, { type: o.type as StructFieldType, length: o.length }]);
    if (entries.length === 0) {
      fail(
        cls,
        property,
        "a struct column needs its fields: @Column({ type: 'struct', fields: { x: 'double', … } }), or a declared class whose properties carry @Column({ type }).",
      );
    }
  }
  if (entries.length === 0) fail(cls, property, 'a struct needs at least one field.');
  return entries.map(([name, field]) => fieldSpec(cls, property, name, field));
}
