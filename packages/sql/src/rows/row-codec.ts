import type { ModelClass } from '@diffsync/core';
import type { SqlDialect } from '../schema/dialect';
import type { ColumnSpec, TableSpec } from '../schema/table-spec';
import { tableSpecOf } from '../schema/table-spec';
import type { Convert, ToText } from '../values/value-checks';
import { binaryChecker, copyConverter, paramConverter, resultConverter } from '../values/converters';
import type { ColumnContext } from '../values/value-checks';
import { columnContexts } from '../values/value-checks';
import type { LookupState } from './lookup-values';
import { loadLookups, lookupParam, lookupResult } from './lookup-values';
import type { Session } from '../session/session';
import type { DiffSyncModel } from '@diffsync/core';
import { InvalidArgumentError } from '@diffsync/core';

/** Everything row operations need for one model on one dialect, computed once. */
export class RowCodec {
  readonly table: TableSpec;
  readonly ref: string;
  readonly columns: readonly ColumnSpec[];
  readonly keyColumns: readonly ColumnSpec[];
  readonly params: readonly Convert[];
  readonly results: readonly Convert[];
  readonly copy: readonly ToText[];
  /** Per column: dialect, table label, column and the property's declared JS type (for checks and messages). */
  readonly contexts: readonly ColumnContext[];
  /** Per column: the checked value binary COPY encodes (PostgreSQL). */
  readonly binaryChecks: readonly Convert[];
  /** Per column: the ids of its lookup table (`enumAs: 'lookup'`), read by `codecFor` once per call. */
  readonly lookups: ReadonlyArray<LookupState | undefined>;
  private readonly sqlCache = new Map<string, string>();

  constructor(
    readonly dialect: SqlDialect,
    readonly model: ModelClass,
  ) {
    this.table = tableSpecOf(model);
    this.ref = dialect.tableRef(this.table);
    this.columns = this.table.columns;
    const keys = new Set(this.table.meta.identifiers);
    this.keyColumns = this.columns.filter((c) => keys.has(c.property));
    this.contexts = columnContexts(dialect.name, this.table);
    this.lookups = this.columns.map((c) =>
      c.lookup ? { ref: dialect.tableRef({ namespace: this.table.namespace, name: c.lookup.table }), byValue: new Map(), byId: new Map() } : undefined,
    );
    const lookups = this.lookups;
    this.params = this.contexts.map((ctx, i) => {
      const state = lookups[i];
      return state ? lookupParam(ctx, state, paramConverter(ctx)) : paramConverter(ctx);
    });
    this.results = this.contexts.map((ctx, i) => {
      const state = lookups[i];
      return state ? lookupResult(ctx, state, resultConverter(ctx)) : resultConverter(ctx);
    });
    this.copy = this.contexts.map((ctx, i) => copyConverter(ctx, this.params[i]));
    this.binaryChecks = this.contexts.map((ctx, i) => binaryChecker(ctx, this.params[i]));
  }

  /** True when a column is an `enumAs: 'lookup'` enum (its codec then needs the ids of the call's database). */
  get hasLookups(): boolean {
    return this.lookups.some((l) => l !== undefined);
  }

  q(name: string): string {
    return this.dialect.quoteIdentifier(name);
  }

  /** Cached SQL text by key. */
  cached(key: string, build: () => string): string {
    let sql = this.sqlCache.get(key);
    if (sql === undefined) {
      sql = build();
      if (this.sqlCache.size > 64) this.sqlCache.clear();
      this.sqlCache.set(key, sql);
    }
    return sql;
  }

  /** Column subset for an upsert restricted to `properties` (keys always included). */
  subset(properties: readonly string[] | undefined): number[] {
    if (properties === undefined) return this.columns.map((_, i) => i);
    const wanted = new Set(properties);
    for (const p of wanted) {
      if (!this.table.columnByProperty.has(p)) {
        throw new InvalidArgumentError(`${this.model.name} has no column for '${p}'; columns are ${this.columns.map((c) => c.property).join(', ')}.`);
      }
    }
    const keys = new Set(this.table.meta.identifiers);
    return this.columns.map((c, i) => (keys.has(c.property) || wanted.has(c.property) ? i : -1)).filter((i) => i >= 0);
  }

  /** A model instance from a result row keyed by column name. */
  toModel(row: Record<string, unknown>): DiffSyncModel {
    const init: Record<string, unknown> = {};
    for (let i = 0; i < this.columns.length; i++) {
      const c = this.columns[i];
      init[c.property] = this.results[i](row[c.name]);
    }
    return new this.model(init);
  }
}

const codecs = new WeakMap<Function, Map<string, RowCodec>>();

export function rowCodec(dialect: SqlDialect, model: ModelClass): RowCodec {
  let byDialect = codecs.get(model);
  if (!byDialect) {
    byDialect = new Map();
    codecs.set(model, byDialect);
  }
  let codec = byDialect.get(dialect.name);
  if (!codec) {
    codec = new RowCodec(dialect, model);
    byDialect.set(dialect.name, codec);
  }
  return codec;
}

/**
 * The codec for one call on `conn`: the shared one, or — for a table with `enumAs: 'lookup'`
 * columns — a codec of the call's own holding the ids read now (one query per lookup table
 * per call, never per row; calls on other databases never see them).
 */
export async function codecFor(conn: Session, model: ModelClass): Promise<RowCodec> {
  const shared = rowCodec(conn.sqlDialect, model);
  if (!shared.hasLookups) return shared;
  const own = new RowCodec(conn.sqlDialect, model);
  await loadLookups(conn, own.lookups);
  return own;
}
