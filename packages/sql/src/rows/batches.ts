import type { DiffSyncModel } from '@diffsync/core';

/** A model instance or a plain object with the model's fields. */
export type RowObject = DiffSyncModel | Record<string, unknown>;

/** Something rows can come from: an array, any iterable, or an async iterable. */
export type RowSource<T> = Iterable<T> | AsyncIterable<T>;

/** Groups `source` into arrays of at most `size`, pulling lazily so memory stays flat. */
export async function* batches<T>(source: RowSource<T>, size: number): AsyncGenerator<T[]> {
  if (Array.isArray(source)) {
    for (let i = 0; i < source.length; i += size) yield source.slice(i, i + size);
    return;
  }
  let batch: T[] = [];
  for await (const item of source as AsyncIterable<T>) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
