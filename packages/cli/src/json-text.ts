/** `JSON.stringify` that writes a `bigint` (a 64-bit column loaded exactly) as its digits instead of throwing. */
export function jsonText(value: unknown): string | undefined {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}
