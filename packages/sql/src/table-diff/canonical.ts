import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { DialectName } from '../schema/dialect';
import type { SqlType } from '../metadata/decorators';

/**
 * One column as the row hash sees it. Every engine turns a value into the same canonical
 * text, and hashes the row's texts joined with `|` (`v<text>` for a value, `n` for NULL):
 *
 * - integers: decimal digits; booleans: `1` / `0`;
 * - decimals: the exact decimal without trailing zeros (`1.50` → `1.5`, `2.000` → `2`);
 * - doubles (and reals, as single-precision values): `<sign><binary exponent>:<52-bit mantissa>`
 *   of the IEEE value, so no engine's printing of doubles matters; `0` for ±0;
 * - timestamps: `YYYY-MM-DD HH:MM:SS.ffffff` in UTC, cut to `precision` fractional digits (the
 *   coarser of the two sides); dates `YYYY-MM-DD`;
 * - text, uuids, enums and JSON: the text as stored (JSON as each engine prints it); bytes: hex.
 *
 * The row's hash is the first 60 bits of the MD5 of that text, summed exactly per segment.
 */
export interface HashColumn {
  readonly name: string;
  readonly type: SqlType;
  /** Fractional-second digits kept for timestamps (0, 3 or 6). */
  readonly precision: number;
  /** Decimal scale (SQLite canonicalises stored numbers with it). */
  readonly scale: number;
  /** PostgreSQL: a `timestamp without time zone` column. */
  readonly naive?: boolean;
}

type Quote = (name: string) => string;

const TWO52 = '4503599627370496';

function tsLength(precision: number): number {
  return precision === 0 ? 19 : 20 + precision;
}

function pgCanonical(c: HashColumn, q: Quote): string {
  const col = q(c.name);
  switch (c.type) {
    case 'integer':
    case 'bigint':
    case 'smallint':
      return `${col}::text`;
    case 'boolean':
      return `CASE WHEN ${col} THEN '1' WHEN NOT ${col} THEN '0' END`;
    case 'decimal':
      return `trim_scale(${col})::text`;
    case 'double':
    case 'real': {
      const v = `${col}::float8`;
      const bits = `('x' || encode(float8send(${v}), 'hex'))::bit(64)::bigint`;
      return (
        `CASE WHEN ${v} = 0 THEN '0' WHEN ${v} = 'NaN'::float8 THEN 'nan' WHEN ${v} = 'Infinity'::float8 THEN 'inf' ` +
        `WHEN ${v} = '-Infinity'::float8 THEN '-inf' ` +
        `ELSE (CASE WHEN ${v} < 0 THEN '-' ELSE '' END) || (((${bits} >> 52) & 2047) - 1023)::text || ':' || (${bits} & ${BigInt(TWO52) - 1n})::text END`
      );
    }
    case 'timestamp':
      return `substr(to_char(${c.naive ? col : `${col} AT TIME ZONE 'UTC'`}, 'YYYY-MM-DD HH24:MI:SS.US'), 1, ${tsLength(c.precision)})`;
    case 'date':
      return `to_char(${col}, 'YYYY-MM-DD')`;
    case 'bytes':
      return `encode(${col}, 'hex')`;
    default:
      return `${col}::text`;
  }
}

function mysqlCanonical(c: HashColumn, q: Quote): string {
  const col = q(c.name);
  switch (c.type) {
    case 'integer':
    case 'bigint':
    case 'smallint':
      return `CAST(${col} AS CHAR)`;
    case 'boolean':
      return `CASE WHEN ${col} IS NULL THEN NULL WHEN ${col} <> 0 THEN '1' ELSE '0' END`;
    case 'decimal': {
      const text = `CAST(${col} AS CHAR)`;
      return `IF(LOCATE('.', ${text}) > 0, TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM ${text})), ${text})`;
    }
    case 'double':
    case 'real': {
      const a = `ABS(${col})`;
      const e0 = `FLOOR(LOG2(${a}))`;
      // Scaled in two exact steps, so 2^1024 (LOG2 rounding up near the largest double) never appears.
      const m0 = `(${a} / POW(2, ${e0} - 1) / 2)`;
      const e = `(${e0} + (${m0} >= 2) - (${m0} < 1))`;
      return (
        `CASE WHEN ${col} IS NULL THEN NULL WHEN ${col} = 0 THEN '0' ELSE CONCAT(IF(${col} < 0, '-', ''), CAST(${e} AS SIGNED), ':', ` +
        `CAST((${a} / POW(2, ${e} - 1) / 2 - 1) * ${TWO52} AS UNSIGNED)) END`
      );
    }
    case 'timestamp':
      return `SUBSTRING(DATE_FORMAT(${col}, '%Y-%m-%d %H:%i:%s.%f'), 1, ${tsLength(c.precision)})`;
    case 'date':
      return `DATE_FORMAT(${col}, '%Y-%m-%d')`;
    case 'bytes':
      return `LOWER(HEX(${col}))`;
    default:
      return col;
  }
}

/** `COUNT(*) AS n, <exact sum of row hashes as text> AS s` for one dialect. */
export function checksumSelect(dialect: DialectName, columns: readonly HashColumn[], q: Quote): string {
  if (dialect === 'sqlite') {
    const spec = columns.map(sqliteCode).join(',');
    return `COUNT(*) AS n, diffsync_hashsum('${spec}', ${columns.map((c) => q(c.name)).join(', ')}) AS s`;
  }
  if (dialect === 'postgresql') {
    const text = columns.map((c) => `COALESCE('v' || ${pgCanonical(c, q)}, 'n')`).join(` || '|' || `);
    return `COUNT(*) AS n, COALESCE(SUM(('x' || substr(md5(${text}), 1, 15))::bit(60)::bigint), 0)::text AS s`;
  }
  const text = `CONCAT_WS('|', ${columns.map((c) => `COALESCE(CONCAT('v', ${mysqlCanonical(c, q)}), 'n')`).join(', ')})`;
  return `COUNT(*) AS n, CAST(COALESCE(SUM(CAST(CONV(SUBSTRING(MD5(${text}), 1, 15), 16, 10) AS UNSIGNED)), 0) AS CHAR) AS s`;
}

// ---- SQLite: the same canonical text, computed in JavaScript by an aggregate function ----

function sqliteCode(c: HashColumn): string {
  switch (c.type) {
    case 'integer':
    case 'bigint':
    case 'smallint':
      return 'i';
    case 'boolean':
      return 'b';
    case 'decimal':
      return `n${c.scale}`;
    case 'double':
      return 'f';
    case 'real':
      return 'r';
    case 'timestamp':
      return `s${c.precision}`;
    case 'date':
      return 'd';
    case 'bytes':
      return 'x';
    default:
      return 't';
  }
}

const view = new DataView(new ArrayBuffer(8));

/** `<sign><exponent>:<mantissa>` of an IEEE double, `0` for ±0. */
export function doubleText(v: number): string {
  if (v === 0) return '0';
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  view.setFloat64(0, v);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const e = ((hi >>> 20) & 2047) - 1023;
  const m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  return `${v < 0 ? '-' : ''}${e}:${m}`;
}

function trimDecimal(text: string): string {
  if (!text.includes('.')) return text;
  return text.replace(/0+$/, '').replace(/\.$/, '');
}

function decimalText(v: unknown, scale: number): string {
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return trimDecimal(Number.isInteger(v) && Math.abs(v) < 1e21 ? BigInt(v).toString() : v.toFixed(scale));
  return trimDecimal(String(v));
}

function timestampText(v: unknown, precision: number): string {
  const d = v instanceof Date ? v : new Date(typeof v === 'bigint' ? Number(v) : (v as string | number));
  if (Number.isNaN(d.getTime())) return String(v);
  const iso = d.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}000`.slice(0, tsLength(precision));
}

function asNumber(v: unknown): number {
  return typeof v === 'number' ? v : Number(v);
}

/** The canonical text of one SQLite value (see `HashColumn`). */
export function sqliteValueText(code: string, v: unknown): string {
  switch (code[0]) {
    case 'i':
      return typeof v === 'number' ? BigInt(Math.trunc(v)).toString() : String(v);
    case 'b':
      return asNumber(v) !== 0 ? '1' : '0';
    case 'n':
      return decimalText(v, Number(code.slice(1)));
    case 'f':
      return doubleText(asNumber(v));
    case 'r':
      return doubleText(Math.fround(asNumber(v)));
    case 's':
      return timestampText(v, Number(code.slice(1)));
    case 'd':
      return String(v).slice(0, 10);
    case 'x':
      return Buffer.isBuffer(v) ? v.toString('hex') : Buffer.from(String(v), 'utf8').toString('hex');
    default:
      return Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
  }
}

/** The row hash (first 60 bits of the MD5 of the canonical row text) as a bigint. */
export function rowHash(text: string): bigint {
  const hex = createHash('md5').update(text, 'utf8').digest('hex');
  return BigInt(`0x${hex.slice(0, 15)}`);
}

const registered = new WeakSet<object>();

/** Registers `diffsync_hashsum(spec, col…)` on a better-sqlite3 handle (once). */
export function registerSqliteHash(db: Database.Database): void {
  if (registered.has(db)) return;
  const specs = new Map<string, string[]>();
  db.aggregate('diffsync_hashsum', {
    start: () => 0n,
    step: (total: unknown, spec: unknown, ...values: unknown[]) => {
      let codes = specs.get(spec as string);
      if (!codes) {
        codes = String(spec).split(',');
        specs.set(spec as string, codes);
      }
      const parts = new Array<string>(values.length);
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        parts[i] = v === null || v === undefined ? 'n' : `v${sqliteValueText(codes[i], v)}`;
      }
      return (total as bigint) + rowHash(parts.join('|'));
    },
    result: (total: unknown) => (total as bigint).toString(),
    varargs: true,
    deterministic: true,
    safeIntegers: true,
  });
  registered.add(db);
}
