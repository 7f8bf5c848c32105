/** The `toString` of `value` when it is its own (a Buffer, a Date, a decimal class), not Object's. */
function ownToString(value: object): ((this: object) => string) | undefined {
  const toString = (value as { toString?: unknown }).toString;
  return typeof toString === 'function' && toString !== Object.prototype.toString ? (toString as (this: object) => string) : undefined;
}

/**
 * The text of a converted column value for COPY / LOAD DATA and text parsers: strings as
 * they are, other primitives with `String`, objects with their own `toString`, and plain
 * objects as JSON (never `[object Object]`).
 */
export function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean' || value === undefined) return String(value);
  if (typeof value === 'symbol' || typeof value === 'function') return value.toString();
  if (value === null) return 'null';
  const toString = ownToString(value);
  return toString ? toString.call(value) : JSON.stringify(value);
}
