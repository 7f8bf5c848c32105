import type { DiffSyncModel } from '@diffsync/core';

/** A non-primitive value, kept as text so later changes made in place show. */
class Kept {
  constructor(readonly text: string) {}
}

/** One snapshot per object: its column values, primitives as they are, other values as `Kept`. */
export type ColumnValues = readonly unknown[];

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}

const bigintAware = (_key: string, v: unknown): unknown => (typeof v === 'bigint' ? `${v}n` : v);

/** Text of a non-primitive value, or undefined for one whose changes this cannot see. */
function textOf(value: object): string | undefined {
  if (value instanceof Date) return `D${value.getTime()}`;
  if (value instanceof Uint8Array) return `B${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
  if (!Array.isArray(value) && !isPlainObject(value)) return undefined;
  try {
    return `J${JSON.stringify(value)}`;
  } catch {
    try {
      return `J${JSON.stringify(value, bigintAware)}`; // bigints inside
    } catch {
      return undefined;
    }
  }
}

/**
 * `obj`'s column values as they are now (arrays, plain objects, Dates and byte arrays as
 * text, so a change made in place later still shows), or `undefined` when one holds a
 * value of a kind it cannot compare. Kept before an update hook runs.
 */
export function columnValues(obj: DiffSyncModel, properties: readonly string[]): ColumnValues | undefined {
  const record = obj as unknown as Record<string, unknown>;
  const out: unknown[] = new Array(properties.length);
  for (let i = 0; i < properties.length; i++) {
    const v = record[properties[i]];
    if (v === null || typeof v !== 'object') {
      if (typeof v === 'function' || typeof v === 'symbol') return undefined;
      out[i] = v;
      continue;
    }
    const text = textOf(v);
    if (text === undefined) return undefined;
    out[i] = new Kept(text);
  }
  return out;
}

/** True when `obj` still holds the column values of `then` (NaN equals NaN; -0 differs from 0). */
export function sameColumnValues(obj: DiffSyncModel, properties: readonly string[], then: ColumnValues): boolean {
  const record = obj as unknown as Record<string, unknown>;
  for (let i = 0; i < properties.length; i++) {
    const v = record[properties[i]];
    const was = then[i];
    if (was instanceof Kept) {
      if (v === null || typeof v !== 'object' || textOf(v) !== was.text) return false;
    } else if (!Object.is(v, was)) {
      return false;
    }
  }
  return true;
}
