import type { DiffSyncModel, ModelClass } from '@diffsync/core';
import type { Session } from '../session/session';
import type { Row } from '../session/driver';
import type { DialectName } from '../schema/dialect';
import type { SqliteDriver } from '../dialects/sqlite/sqlite-driver';
import type { RowCodec } from '../rows/row-codec';
import { codecFor, rowCodec } from '../rows/row-codec';
import type { HashColumn } from './canonical';
import { checksumSelect, registerSqliteHash } from './canonical';
import type { KeyColumn, KeyRange } from './key-order';
import { orderBy, Params, rangeCondition } from './key-order';
import { TableDiffError } from './errors';
import type { SessionTuningOptions } from './session-tuning';
import { tuneSession } from './session-tuning';

/** A segment's row count and exact sum of row hashes (as text). */
export interface Checksum {
  readonly n: number;
  readonly s: string;
}

/** A few connections to one database, handed out one task at a time. */
export class Pool {
  private readonly free: Session[];
  private readonly waiting: Array<(c: Session) => void> = [];

  constructor(readonly connections: readonly Session[]) {
    this.free = [...connections];
  }

  get size(): number {
    return this.connections.length;
  }

  async use<T>(fn: (c: Session) => Promise<T>): Promise<T> {
    const conn = this.free.pop() ?? (await new Promise<Session>((resolve) => this.waiting.push(resolve)));
    try {
      return await fn(conn);
    } finally {
      const next = this.waiting.shift();
      if (next) next(conn);
      else this.free.push(conn);
    }
  }
}

/** One side of a table diff: its table, columns and connections, and the queries it runs. */
export class Side {
  readonly dialect: DialectName;
  codec: RowCodec;
  private readonly q: (n: string) => string;
  private readonly checksumText: string;
  private readonly columnList: string;
  private readonly restores: Array<() => Promise<void>> = [];

  constructor(
    readonly label: 'source' | 'target',
    readonly pool: Pool,
    readonly model: ModelClass<DiffSyncModel>,
    readonly keys: readonly KeyColumn[],
    columns: readonly HashColumn[],
    private readonly where: string | undefined,
    private readonly nullAs: 'undefined' | 'null',
  ) {
    const first = pool.connections[0];
    this.dialect = first.dialect;
    this.codec = rowCodec(first.sqlDialect, model);
    this.q = (n) => first.sqlDialect.quoteIdentifier(n);
    this.checksumText = checksumSelect(this.dialect, columns, this.q);
    this.columnList = this.codec.columns.map((c) => this.q(c.name)).join(', ');
    for (const c of pool.connections) {
      if (c.dialect === 'sqlite') registerSqliteHash((c.driver as SqliteDriver).db);
    }
  }

  /**
   * Reads what decoding needs from the database (the ids of `enumAs: 'lookup'` columns) and
   * applies the diff's session settings to every connection (see `tuneSession`).
   */
  async prepare(tuning: SessionTuningOptions = {}): Promise<void> {
    try {
      for (const c of this.pool.connections) this.restores.push(await tuneSession(c, tuning));
      this.codec = await this.pool.use((c) => codecFor(c, this.model));
    } catch (error) {
      throw TableDiffError.on(this, error);
    }
  }

  /** Puts the connections' session settings back as `prepare` found them. */
  async restore(): Promise<void> {
    const restores = this.restores.splice(0);
    try {
      for (const r of restores) await r();
    } catch (error) {
      throw TableDiffError.on(this, error);
    }
  }

  get table(): string {
    return this.codec.ref;
  }

  private params(): Params {
    const dialect = this.pool.connections[0].sqlDialect;
    return new Params(this.dialect, (i) => dialect.placeholder(i));
  }

  private conditions(params: Params, ranges: readonly KeyRange[] | undefined): string {
    const parts: string[] = [];
    if (this.where) parts.push(`(${this.where})`);
    if (ranges) {
      const alternatives = ranges.map((r) => rangeCondition(this.dialect, this.keys, r, this.q, params));
      if (!alternatives.includes(undefined)) {
        parts.push(alternatives.length === 1 ? (alternatives[0] as string) : `(${alternatives.map((a) => `(${a})`).join(' OR ')})`);
      }
    }
    return parts.length > 0 ? ` WHERE ${parts.join(' AND ')}` : '';
  }

  private async run<T extends object>(sql: string, values: readonly unknown[]): Promise<T[]> {
    try {
      return await this.pool.use((c) => c.query<T>(sql, values));
    } catch (error) {
      throw TableDiffError.on(this, error);
    }
  }

  /** Smallest and largest value of an integer key (read from the index, no scan). */
  async bounds(): Promise<{ lo: bigint | undefined; hi: bigint | undefined }> {
    const k = this.q(this.keys[0].name);
    const params = this.params();
    const cast = this.dialect === 'postgresql' ? '::text' : '';
    const text = (e: string) => (this.dialect === 'mysql' ? `CAST(${e} AS CHAR)` : this.dialect === 'sqlite' ? `CAST(${e} AS TEXT)` : `${e}${cast}`);
    const rows = await this.run<{ lo: unknown; hi: unknown }>(
      `SELECT ${text(`MIN(${k})`)} AS lo, ${text(`MAX(${k})`)} AS hi FROM ${this.table}${this.conditions(params, undefined)}`,
      params.values,
    );
    const r = rows[0];
    const big = (v: unknown) => (v === null || v === undefined ? undefined : BigInt(v as string | number | bigint));
    return { lo: big(r.lo), hi: big(r.hi) };
  }

  /** Row count of a range. */
  async count(range: KeyRange): Promise<number> {
    const params = this.params();
    const rows = await this.run<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${this.table}${this.conditions(params, [range])}`, params.values);
    return Number(rows[0].n);
  }

  /** Checksums of integer-key buckets `floor((key - lo) / width)` of [lo, hi) (or of the rows in `within`), one query. */
  async bucketChecksums(lo: bigint, width: bigint, hi: bigint, within?: readonly KeyRange[]): Promise<Map<number, Checksum>> {
    const key = this.keys[0];
    const k = this.q(key.name);
    const params = this.params();
    const from = params.key(key, lo);
    const w = params.key(key, width);
    const bucket = this.dialect === 'mysql' ? `(${k} - ${from}) DIV ${w}` : `(${k} - ${from}) / ${w}`;
    const range = this.conditions(params, within ?? [{ lo: [lo], hi: [hi] }]);
    const rows = await this.run<{ b: unknown; n: unknown; s: unknown }>(
      `SELECT ${bucket} AS b, ${this.checksumText} FROM ${this.table}${range} GROUP BY ${this.dialect === 'postgresql' ? '1' : 'b'}`,
      params.values,
    );
    const out = new Map<number, Checksum>();
    for (const r of rows) out.set(Number(r.b), { n: Number(r.n), s: String(r.s) });
    return out;
  }

  /** Checksum of one range. */
  async checksum(range: KeyRange): Promise<Checksum> {
    const params = this.params();
    const rows = await this.run<{ n: unknown; s: unknown }>(`SELECT ${this.checksumText} FROM ${this.table}${this.conditions(params, [range])}`, params.values);
    return { n: Number(rows[0].n), s: String(rows[0].s) };
  }

  /** Every `step`-th key of a range in key order (segment boundaries from the real distribution). */
  async sampleKeys(range: KeyRange, step: number): Promise<unknown[][]> {
    const params = this.params();
    const names = this.keys.map((k) => this.q(k.name));
    const where = this.conditions(params, [range]);
    const stepMark = params.raw(step);
    const rows = await this.run<Row>(
      `SELECT ${names.join(', ')} FROM (SELECT ${names.join(', ')}, ROW_NUMBER() OVER (ORDER BY ${orderBy(this.dialect, this.keys, this.q)}) AS diffsync_rn ` +
        `FROM ${this.table}${where}) diffsync_sample WHERE diffsync_rn % ${stepMark} = 0 ORDER BY ${orderBy(this.dialect, this.keys, this.q)}`,
      params.values,
    );
    return rows.map((r) =>
      this.keys.map((k) => {
        const v = r[k.name];
        return v instanceof Date ? v : typeof v === 'bigint' ? v.toString() : v;
      }),
    );
  }

  private select(ranges: readonly KeyRange[]): { sql: string; values: unknown[] } {
    const params = this.params();
    const where = this.conditions(params, ranges);
    return { sql: `SELECT ${this.columnList} FROM ${this.table}${where} ORDER BY ${orderBy(this.dialect, this.keys, this.q)}`, values: params.values };
  }

  toModel(row: Row): DiffSyncModel {
    const obj = this.codec.toModel(row);
    if (this.nullAs === 'undefined') {
      const record = obj as unknown as Record<string, unknown>;
      for (const c of this.codec.columns) if (record[c.property] === null) delete record[c.property];
    }
    return obj;
  }

  /** The rows of some ranges, in key order. */
  async rows(ranges: readonly KeyRange[]): Promise<DiffSyncModel[]> {
    const { sql, values } = this.select(ranges);
    return (await this.run<Row>(sql, values)).map((r) => this.toModel(r));
  }

  /** Streams the rows of a range in key order (one connection held until the stream ends). */
  async *stream(range: KeyRange): AsyncGenerator<DiffSyncModel> {
    const { sql, values } = this.select([range]);
    let release!: () => void;
    let acquired!: (c: Session) => void;
    const got = new Promise<Session>((r) => (acquired = r));
    const done = this.pool.use((c) => {
      acquired(c);
      return new Promise<void>((r) => (release = r));
    });
    const conn = await got;
    try {
      const rows = conn.driver.stream ? conn.driver.stream(sql, values) : await conn.query(sql, values);
      for await (const row of rows) yield this.toModel(row);
    } catch (error) {
      throw TableDiffError.on(this, error);
    } finally {
      release();
      await done;
    }
  }
}
