import { InvalidArgumentError } from '../errors';

/** One of `count` disjoint slices of the top-level objects: `partitionOf(uid, count) === index`. */
export interface Partition {
  /** This partition's number, from 0 to `count - 1`. */
  readonly index: number;
  /** How many partitions the objects are split into. */
  readonly count: number;
}

const FNV_OFFSET_BASIS = 0x811c9dc5; // 2166136261
const FNV_PRIME = 0x01000193; // 16777619

/**
 * FNV-1a 32-bit hash of the UTF-8 bytes of `text`, as an unsigned integer. The bytes are
 * produced on the fly (no TextEncoder, no allocation); a lone surrogate counts as U+FFFD
 * (EF BF BD), as TextEncoder encodes it.
 */
export function fnv1a32(text: string): number {
  let h = FNV_OFFSET_BASIS;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      h = Math.imul(h ^ c, FNV_PRIME);
      continue;
    }
    if (c < 0x800) {
      h = Math.imul(h ^ (0xc0 | (c >> 6)), FNV_PRIME);
      h = Math.imul(h ^ (0x80 | (c & 0x3f)), FNV_PRIME);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
        h = Math.imul(h ^ (0xf0 | (cp >> 18)), FNV_PRIME);
        h = Math.imul(h ^ (0x80 | ((cp >> 12) & 0x3f)), FNV_PRIME);
        h = Math.imul(h ^ (0x80 | ((cp >> 6) & 0x3f)), FNV_PRIME);
        h = Math.imul(h ^ (0x80 | (cp & 0x3f)), FNV_PRIME);
        continue;
      }
      c = 0xfffd; // a lone surrogate
    }
    h = Math.imul(h ^ (0xe0 | (c >> 12)), FNV_PRIME);
    h = Math.imul(h ^ (0x80 | ((c >> 6) & 0x3f)), FNV_PRIME);
    h = Math.imul(h ^ (0x80 | (c & 0x3f)), FNV_PRIME);
  }
  return h >>> 0;
}

function checkCount(count: unknown, where: string): asserts count is number {
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1) {
    throw new InvalidArgumentError(`${where}: the partition count must be a positive integer, got ${describe(count)}.`);
  }
}

/**
 * The partition (0 … count-1) of the top-level object whose unique id is `uid`:
 * FNV-1a 32-bit over the uid's UTF-8 bytes, modulo `count`. Stable forever, so other
 * systems (a SQL query, a script) may compute it too.
 */
export function partitionOf(uid: string, count: number): number {
  if (typeof uid !== 'string') throw new InvalidArgumentError(`partitionOf: the uid must be a string, got ${describe(uid)}.`);
  checkCount(count, 'partitionOf');
  return fnv1a32(uid) % count;
}

/**
 * A checked, frozen copy of `{ index, count }`, for stores that override
 * `getAllInPartition` and for adapters that take a partition.
 *
 * @param partition - the value to check (anything: it comes from user options).
 * @param where - names the caller in the message, e.g. `"MyStore.getAllInPartition(site)"`.
 * @throws InvalidArgumentError naming `where` when `count` is not a positive integer or
 *   `index` is not an integer in 0 … count-1.
 */
export function checkPartition(partition: unknown, where: string): Partition {
  if (partition === null || typeof partition !== 'object') {
    throw new InvalidArgumentError(`${where}: 'partition' must be an object { index, count }, got ${describe(partition)}.`);
  }
  const { index, count } = partition as { index?: unknown; count?: unknown };
  checkCount(count, where);
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= count) {
    throw new InvalidArgumentError(`${where}: the partition index must be an integer from 0 to ${count - 1} (count ${count}), got ${describe(index)}.`);
  }
  return Object.freeze({ index, count });
}

/** `{ index: 2, count: 8 }` as "2/8" for messages. */
export function partitionLabel(partition: Partition): string {
  return `${partition.index}/${partition.count}`;
}

export function samePartition(a: Partition, b: Partition): boolean {
  return a.index === b.index && a.count === b.count;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}
