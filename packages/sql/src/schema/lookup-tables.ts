import type { ModelClass } from '@diffsync/core';
import { Attribute, DiffSyncModel, getModelMetadata, Identifier, Model } from '@diffsync/core';
import { Column, Table } from '../metadata/decorators';

/**
 * Lookup tables of `@Column({ enum, enumAs: 'lookup' })` columns: `id` (integer primary key)
 * and `value` (unique), one model class per table, built once.
 */
const models = new Map<string, ModelClass>();

export const LOOKUP_VALUE_LENGTH = 255;

export function lookupModel(namespace: string | undefined, table: string): ModelClass {
  const key = `${namespace ?? ''}\u0000${table}`;
  let model = models.get(key);
  if (!model) {
    const cls = class extends DiffSyncModel {};
    Object.defineProperty(cls, 'name', { value: `lookup table '${namespace ? `${namespace}.` : ''}${table}'` });
    Identifier()(cls.prototype, 'id');
    Column({ type: 'integer' })(cls.prototype, 'id');
    Attribute()(cls.prototype, 'value');
    Column({ type: 'varchar', length: LOOKUP_VALUE_LENGTH, unique: true })(cls.prototype, 'value');
    Table({ name: table, namespace })(cls);
    Model(`lookup:${namespace ? `${namespace}.` : ''}${table}`)(cls);
    model = cls;
    models.set(key, model);
  }
  return model;
}

export function isLookupModel(model: Function): boolean {
  try {
    return getModelMetadata(model).name.startsWith('lookup:') && [...models.values()].includes(model as ModelClass);
  } catch {
    return false;
  }
}
