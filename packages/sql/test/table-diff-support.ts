import type { Diff, DiffSyncModel, ModelClass } from '@diffsync/core';
import type { Connection } from '@diffsync/sql';
import { SqlAdapter } from '@diffsync/sql';

/** What a full load of both tables through SqlAdapter and `diffFrom` finds. */
export async function fullLoadDiff(model: ModelClass, source: Connection, target: Connection): Promise<Diff> {
  const type = (model as unknown as { getType(): string }).getType();
  const make = (connection: Connection, name: string) => {
    const cls = class extends SqlAdapter {};
    Object.defineProperty(cls, 'models', { value: [model] });
    Object.defineProperty(cls, 'topLevel', { value: [type] });
    return new cls({ connection, name });
  };
  const a = make(source, 'source');
  const b = make(target, 'target');
  await a.load();
  await b.load();
  return b.diffFrom(a);
}

/** A diff's elements as sorted JSON text (order-independent, Dates as ISO text). */
export function elementsOf(diff: Diff): string[] {
  return [...diff.getChildren()]
    .filter((e) => e.hasDiffs())
    .map((e) => JSON.stringify(e.toJSON(), (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)))
    .sort();
}

export type Row = Record<string, unknown>;

export function asModels(model: ModelClass, rows: readonly Row[]): DiffSyncModel[] {
  return rows.map((r) => new model(r));
}
