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
