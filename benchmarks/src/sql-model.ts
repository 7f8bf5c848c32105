import { Attribute, DiffSyncModel, Identifier, Model, type ModelClass } from '@diffsync/core';

/** The slice of `@diffsync/sql` the benchmark uses. */
export interface SqlConnection {
  readonly dialect: 'postgresql' | 'mysql' | 'sqlite';
  execute(sql: string, params?: readonly unknown[]): Promise<number>;
  query<T extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  insert(model: ModelClass, objects: Iterable<object>): Promise<number>;
  upsert(model: ModelClass, objects: Iterable<object>, options?: { columns?: readonly string[] }): Promise<number>;
  delete(model: ModelClass, keys: Iterable<object>): Promise<number>;
  insertRows(table: string, options: { columns: readonly string[]; rows: Iterable<readonly unknown[]> }): Promise<number>;
  upsertRows(table: string, options: { columns: readonly string[]; rows: Iterable<readonly unknown[]> }): Promise<number>;
  deleteRows(table: string, options: { columns: readonly string[]; rows: Iterable<readonly unknown[]> }): Promise<number>;
  syncSchema(models: readonly ModelClass[]): Promise<unknown>;
  close(): Promise<void>;
}

export interface SqlModule {
  connect(url: string): Promise<SqlConnection>;
  Table: (options?: { name?: string }) => ClassDecorator;
  Column: (options?: { type?: string; length?: number; nullable?: boolean }) => PropertyDecorator;
}

/** `@diffsync/sql` (a project reference of the benchmarks, so `tsc -b benchmarks` builds it). */
export function loadSqlPackage(): SqlModule {
  return require('@diffsync/sql') as SqlModule;
}

export interface BenchRowShape {
  id: number;
  name: string;
  count: number;
  score: number;
  active: boolean;
  updatedAt: Date;
  note: string | null;
}

export type BenchRowClass = ModelClass & (new (init?: Partial<BenchRowShape>) => DiffSyncModel & BenchRowShape);

/** The 7-column table: int key, varchar, int, double, boolean, timestamp, nullable text. */
export function defineBenchRow(sql: SqlModule): BenchRowClass {
  const { Table, Column } = sql;

  @Model('bench_row')
  @Table({ name: 'bench_rows' })
  class BenchRow extends DiffSyncModel {
    @Identifier() @Column({ type: 'integer' }) id!: number;
    @Attribute() @Column({ type: 'varchar', length: 64 }) name!: string;
    @Attribute() @Column({ type: 'integer' }) count!: number;
    @Attribute() @Column({ type: 'double' }) score!: number;
    @Attribute() @Column({ type: 'boolean' }) active!: boolean;
    @Attribute() @Column({ type: 'timestamp' }) updatedAt!: Date;
    @Attribute() @Column({ type: 'text', nullable: true }) note!: string | null;
  }
  return BenchRow;
}

/** `n` rows; `version` changes every non-key value, so an upsert with another version updates all rows. */
export function benchRows(Row: BenchRowClass, n: number, version: number): Array<DiffSyncModel & BenchRowShape> {
  const base = Date.UTC(2026, 0, 1) + version * 3_600_000;
  const out = new Array<DiffSyncModel & BenchRowShape>(n);
  for (let i = 0; i < n; i++) {
    out[i] = new (Row as new (init: Partial<BenchRowShape>) => DiffSyncModel & BenchRowShape)({
      id: i + 1,
      name: `device-${i}-v${version}`,
      count: i * 7 + version,
      score: i / 3 + version,
      active: (i + version) % 2 === 0,
      updatedAt: new Date(base + i * 1000),
      note: i % 4 === 0 ? null : `note ${i} tab\there v${version}`,
    });
  }
  return out;
}

/** The bench table's columns, in the order of `benchTuples`' values. */
export const BENCH_COLUMNS = ['id', 'name', 'count', 'score', 'active', 'updatedAt', 'note'] as const;

/** The same rows as arrays, for `insertRows` / `upsertRows` (rows as tuples). */
export function benchTuples(rows: ReadonlyArray<BenchRowShape>): unknown[][] {
  return rows.map((r) => [r.id, r.name, r.count, r.score, r.active, r.updatedAt, r.note]);
}
