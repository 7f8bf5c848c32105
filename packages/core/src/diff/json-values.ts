import type { ValueMap } from '../model/diffsync-model';

/**
 * Identifier and attribute values in a diff's JSON form. JSON has no 64-bit integer, so a
 * `bigint` value (a `bigint` column loaded exactly) is written as `{ "$bigint": "<digits>" }`
 * and read back as a `bigint`; every other value is written as it is.
 */
export const BIGINT_TAG = '$bigint';

const DIGITS = /^-?(0|[1-9][0-9]*)$/;

/** The values with each `bigint` tagged; the same object when there is none. */
export function valuesToJSON(values: ValueMap): ValueMap {
  let out: ValueMap | undefined;
  for (const key in values) {
    const v = values[key];
    if (typeof v === 'bigint') {
      out ??= { ...values };
      out[key] = { [BIGINT_TAG]: v.toString() };
    }
  }
  return out ?? values;
}

function bigintOf(value: unknown): bigint | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1 || keys[0] !== BIGINT_TAG) return undefined;
  const digits = (value as Record<string, unknown>)[BIGINT_TAG];
  return typeof digits === 'string' && DIGITS.test(digits) ? BigInt(digits) : undefined;
}

/** The values with each tagged `bigint` read back; the same object when there is none. */
export function valuesFromJSON(values: ValueMap): ValueMap {
  let out: ValueMap | undefined;
  for (const key of Object.keys(values)) {
    const big = bigintOf(values[key]);
    if (big !== undefined) {
      out ??= { ...values };
      out[key] = big;
    }
  }
  return out ?? values;
}
