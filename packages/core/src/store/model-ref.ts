import type { DiffSyncModel, ModelClass, ValueMap } from '../model/diffsync-model';

/** What store lookups accept to name a model type: a name, a class or an instance. */
export type ModelRef = string | ModelClass | DiffSyncModel;

/** A uid string or an object of identifier values. */
export type Identifier = string | ValueMap;

export function isModelInstance(value: unknown): value is DiffSyncModel {
  return typeof value === 'object' && value !== null && typeof (value as DiffSyncModel).getUniqueId === 'function';
}

/** The type name behind a model reference. */
export function modelNameOf(model: ModelRef): string {
  if (typeof model === 'string') return model;
  return model.getType();
}

/** Python-like repr used in diffsync's messages: {'a': 'x', 'b': 2}. */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (typeof value === 'object' && !(value instanceof Date)) {
    return `{${Object.entries(value as ValueMap)
      .map(([k, v]) => `'${k}': ${pyRepr(v)}`)
      .join(', ')}}`;
  }
  if (value instanceof Date) return value.toString();
  if (typeof value === 'symbol' || typeof value === 'function') return value.toString();
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value); // unreachable: every typeof result is handled above
}
