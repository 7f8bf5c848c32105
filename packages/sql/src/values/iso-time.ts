const DAY_MS = 86_400_000;
const PAD2: string[] = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const PAD3: string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/**
 * `Date.prototype.toISOString()` with the same output, several times faster on bulk data:
 * the date part (`YYYY-MM-DDT`) is computed once per day and cached, the time part comes
 * from lookup tables. Rows in bulk loads tend to share days, so the cache hits.
 */
export class IsoFormatter {
  private day = Number.NaN;
  private prefix = '';

  /** `sql: true` writes `YYYY-MM-DD HH:MM:SS.mmm` (no `T`, no `Z`), as MySQL DATETIME literals take it. */
  constructor(private readonly sql = false) {}

  format(date: Date): string {
    const ms = date.getTime();
    const day = Math.floor(ms / DAY_MS);
    if (day !== this.day) {
      const iso = date.toISOString(); // throws RangeError for an invalid date, as before
      const t = iso.indexOf('T');
      this.prefix = this.sql ? `${iso.slice(0, t)} ` : iso.slice(0, t + 1);
      this.day = day;
    }
    let rest = ms - day * DAY_MS;
    const h = Math.floor(rest / 3_600_000);
    rest -= h * 3_600_000;
    const m = Math.floor(rest / 60_000);
    rest -= m * 60_000;
    const s = Math.floor(rest / 1000);
    const time = `${PAD2[h]}:${PAD2[m]}:${PAD2[s]}.${PAD3[rest - s * 1000]}`;
    return this.sql ? this.prefix + time : `${this.prefix}${time}Z`;
  }
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * A Date as PostgreSQL timestamptz input text in UTC: `YYYY-MM-DD HH:MM:SS.mmm+00`, with
 * ` BC` for years before 1 and more digits for years after 9999 (ISO text cannot say either).
 */
export function pgTimestampText(date: Date, iso: IsoFormatter): string {
  const year = date.getUTCFullYear();
  if (year >= 1 && year <= 9999) return iso.format(date);
  const y = year >= 1 ? year : 1 - year;
  const time = `${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}.${pad(date.getUTCMilliseconds(), 3)}`;
  return `${pad(y, 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)} ${time}+00${year >= 1 ? '' : ' BC'}`;
}

const PG_TIMESTAMP = /^(\d{4,})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?(?:([+-])(\d\d)(?::(\d\d))?(?::(\d\d))?)?( BC)?$/;

/** A Date at `year` (any integer, astronomical: 0 = 1 BC) and the given UTC fields. */
function utcDate(year: number, month: number, day: number, h: number, m: number, s: number, ms: number): Date {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(h, m, s, ms);
  return d;
}

/**
 * PostgreSQL `timestamptz` output text (DateStyle ISO, any session time zone, BC years,
 * years past 9999) → Date, exact to the millisecond. `infinity` gives an invalid Date.
 */
export function parsePgTimestamp(text: string): Date {
  const m = PG_TIMESTAMP.exec(text);
  if (!m) return new Date(Number.NaN);
  const year = m[12] ? 1 - Number(m[1]) : Number(m[1]);
  const ms = m[7] ? Number(m[7].padEnd(3, '0').slice(0, 3)) : 0;
  const date = utcDate(year, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), ms);
  if (m[8]) {
    const offset = (Number(m[9]) * 3600 + Number(m[10] ?? 0) * 60 + Number(m[11] ?? 0)) * 1000;
    date.setTime(date.getTime() - (m[8] === '+' ? offset : -offset));
  }
  return date;
}

const NAIVE_SQL_TIME = /^([+-]?\d{4,6}-\d\d-\d\d)[ T](\d\d:\d\d(?::\d\d(?:\.\d+)?)?)$/;

/**
 * SQLite timestamp text → Date. Text without a zone (SQLite's own `CURRENT_TIMESTAMP`,
 * `YYYY-MM-DD HH:MM:SS`) is UTC, as SQLite's date functions take it; ISO text with `Z` or
 * an offset keeps its zone.
 */
export function parseSqliteTimestamp(text: string): Date {
  const m = NAIVE_SQL_TIME.exec(text);
  return new Date(m ? `${m[1]}T${m[2]}Z` : text);
}
