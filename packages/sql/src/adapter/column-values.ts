import { DiffSyncModel } from '@diffsync/core';

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** One value as text; `undefined` for a value whose changes this cannot see (then it counts as changed). */
function valueKey(value: unknown): string | undefined {
  if (value === undefined) return 'u';
  if (value === null) return 'n';
  switch (typeof value) {
    case 'string':
      return `s${value}`;
    case 'number':
      return Object.is(value, -0) ? 'd-0' : `d${value}`;
    case 'bigint':
      return `b${value}`;
    case 'boolean':
      return value ? 't' : 'f';
    case 'object':
      break;
    default:
      return undefined;
  }
  const object = value as object;
  if (object instanceof Date) return `D${object.getTime()}`;
  if (object instanceof Uint8Array) return `B${Buffer.from(object.buffer, object.byteOffset, object.byteLength).toString('hex')}`;
  if (!Array.isArray(object) && !isPlainObject(object)) return undefined;
  try {
    return `j${JSON.stringify(object, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}`;
  } catch {
    return undefined;
  }
}

/**
 * A text that changes whenever one of `obj`'s column values changes (Dates by time, byte
 * arrays by content, arrays and plain objects by JSON), or `undefined` when a value is of
 * a kind it cannot compare. Kept before an update hook runs and compared after it.
 */
export function columnValuesKey(obj: DiffSyncModel, properties: readonly string[]): string | undefined {
  const record = obj as unknown as Record<string, unknown>;
  const parts: string[] = [];
  for (const p of properties) {
    const key = valueKey(record[p]);
    if (key === undefined) return undefined;
    parts.push(key);
  }
  return JSON.stringify(parts);
}
