import type { Catalog, CatalogTable } from '../schema/catalog';
import { columnOptionsOf, timestampPrecision } from './column-types';

/** One table as a catalog describes it. */
export interface CatalogTableRef {
  /** The catalog the table was read from (its dialect decides how types read). */
  readonly catalog: Catalog;
  /** The table, as `discover()` lists it. */
  readonly table: CatalogTable;
}

/** Why a value would be stored other than it is, or `undefined` when the column holds it. */
type Fit = (value: unknown) => string | undefined;

const FITS: Fit = () => undefined;

function timestampFit(digits: number): Fit {
  if (digits >= 3) return FITS; // a Date carries milliseconds
  const unit = 10 ** (3 - digits);
  return (value) => {
    if (!(value instanceof Date)) return undefined;
    const ms = ((value.getTime() % 1000) + 1000) % 1000;
    return ms % unit === 0 ? undefined : `it keeps ${digits} fractional-second digit(s)`;
  };
}

function decimalFit(precision: number, scale: number): Fit {
  return (value) => {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'bigint') return undefined;
    const text = typeof value === 'number' && /e/i.test(String(value)) ? value.toFixed(20) : String(value);
    const [whole, fraction = ''] = text.replace(/^[-+]/, '').split('.');
    if (fraction.replace(/0+$/, '').length > scale) return `it keeps ${scale} fraction digit(s)`;
    if (whole.replace(/^0+/, '').length > precision - scale) return `it holds ${precision - scale} integer digit(s)`;
    return undefined;
  };
}

const floatFit: Fit = (value) =>
  typeof value === 'number' && Number.isFinite(value) && Math.fround(value) !== value ? 'it is a single-precision float' : undefined;

function fitOf(target: CatalogTableRef, column: string): Fit {
  const c = target.table.columns.find((x) => x.name === column);
  if (!c) return FITS;
  let options;
  try {
    options = columnOptionsOf(target.catalog, target.table, c);
  } catch {
    return FITS; // a type without a diffsync column type: the database decides
  }
  switch (options.type) {
    case 'timestamp':
      return timestampFit(timestampPrecision(target.catalog.dialect, c.type));
    case 'decimal':
      return options.precision === undefined ? FITS : decimalFit(options.precision, options.scale ?? 0);
    case 'real':
      return floatFit;
    default:
      return FITS;
  }
}

/**
 * A check of values against one table's columns, for values the database would round
 * without an error: fractional seconds beyond the column's, decimal digits beyond its scale
 * or precision, a double that a single-precision float column cannot hold. Returns why the
 * value would be stored other than it is, or `undefined` when it fits. Narrower integers
 * and longer strings are not checked: the databases refuse those with an error.
 */
export function roundingCheck(target: CatalogTableRef): (column: string, value: unknown) => string | undefined {
  const fits = new Map<string, Fit>();
  return (column, value) => {
    if (value === null || value === undefined) return undefined;
    let fit = fits.get(column);
    if (!fit) {
      fit = fitOf(target, column);
      fits.set(column, fit);
    }
    return fit(value);
  };
}
