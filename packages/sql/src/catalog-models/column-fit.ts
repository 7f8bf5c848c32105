import type { Catalog, CatalogTable } from '../schema/catalog';
import { columnOptionsOf, timestampPrecision } from './column-types';

/** One table as a catalog describes it. */
export interface CatalogTableRef {
  /** The catalog the table was read from (its dialect decides how types read). */
  readonly catalog: Catalog;
  /** The table, as `discover()` lists it. */
  readonly table: CatalogTable;
}

/** Fractional-second digits a JavaScript Date keeps. */
const JS_DATE_DIGITS = 3;

const FLOAT_BITS: Record<string, number> = { real: 32, double: 64 };

/**
 * The columns of `target` that would keep less than `source` holds, where the database
 * would round without an error: fewer fractional-second digits, a smaller decimal scale or
 * fewer integer digits, a single-precision float for a double. Timestamps are compared at
 * most at milliseconds, what a model's Date carries. A source decimal without a declared
 * precision (PostgreSQL's plain numeric) is not checked. One line per column, naming
 * table, column and both types; empty when every value of the source fits. Columns the
 * target lacks, and narrower integers or shorter strings (which the databases refuse with
 * an error), are not listed. `columns` limits the check to some columns (default: all the
 * source's).
 */
export function columnsTargetCannotHold(source: CatalogTableRef, target: CatalogTableRef, columns?: readonly string[]): string[] {
  const problems: string[] = [];
  const wanted = columns ?? source.table.columns.map((c) => c.name);
  for (const name of wanted) {
    const s = source.table.columns.find((c) => c.name === name);
    const t = target.table.columns.find((c) => c.name === name);
    if (!s || !t) continue;
    const so = columnOptionsOf(source.catalog, source.table, s);
    const to = columnOptionsOf(target.catalog, target.table, t);
    const where = `table '${target.table.name}' column '${name}' (${t.type} on ${target.catalog.dialect}, ${s.type} on ${source.catalog.dialect})`;
    if (so.type === 'timestamp' && to.type === 'timestamp') {
      // A model's Date carries milliseconds: that is all a sync or repair writes.
      const sp = Math.min(JS_DATE_DIGITS, timestampPrecision(source.catalog.dialect, s.type));
      const tp = timestampPrecision(target.catalog.dialect, t.type);
      if (tp < sp) problems.push(`${where}: keeps ${tp} fractional-second digit(s), the source ${sp}`);
    } else if (so.type === 'decimal' && to.type === 'decimal') {
      // PostgreSQL's numeric without precision: the target holds every decimal; as the source,
      // its declared type says nothing about its values (see the docs' known limits).
      if (to.precision === undefined || so.precision === undefined) continue;
      const sScale = so.scale ?? 0;
      const tScale = to.scale ?? 0;
      if (tScale < sScale) problems.push(`${where}: keeps ${tScale} fraction digit(s), the source ${sScale}`);
      else if (to.precision - tScale < so.precision - sScale) {
        problems.push(`${where}: holds ${to.precision - tScale} integer digit(s), the source ${so.precision - sScale}`);
      }
    } else if (so.type !== undefined && to.type !== undefined && FLOAT_BITS[so.type] !== undefined && FLOAT_BITS[to.type] !== undefined) {
      if (FLOAT_BITS[to.type] < FLOAT_BITS[so.type]) problems.push(`${where}: a single-precision float, the source a double`);
    }
  }
  return problems;
}
