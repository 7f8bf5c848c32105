import type { DiffSyncModel, ModelClass } from '@diffsync/core';
import { getModelMetadata } from '@diffsync/core';
import type { Checksum, Side } from './side';
import type { KeyRange } from './key-order';
import { keyComparator } from './key-order';

export interface SegmentOptions {
  /** Segments per split (sampled keys), and the least number of buckets per integer range. */
  segments: number;
  /** A segment with at most this many rows on either side is fetched and merged, not split. */
  leafRows: number;
  /** Rows per bucket aimed at when bucketing an integer key. */
  bucketRows: number;
  /** When the mismatched segments hold more than this share of a range's rows, the range is merged in one stream. */
  fullMergeRatio: number;
  /** Parallel parts (connections per side). */
  threads: number;
  onProgress?: (stats: TableDiffStats) => void | Promise<void>;
}

/** Statistics of a table diff (also passed to `onProgress` while it runs). */
export interface TableDiffStats {
  /** Rows in the source table (within `where`). */
  sourceRows: number;
  /** Rows in the target table (within `where`). */
  targetRows: number;
  /** Segments (buckets or key ranges) whose checksums were compared. */
  segments: number;
  /** Rows read from both sides to be compared in full. */
  rowsFetched: number;
  /** Wall time of the diff so far, in milliseconds. */
  ms: number;
}

interface Pending {
  range: KeyRange;
  rows: number;
}

const MAX_BUCKETS = 50_000;
const MAX_RANGES_PER_FETCH = 200;
/** Rows per fetch (each side) when merging mismatched segments. */
const FETCH_ROWS = 10_000;
/** A mismatched integer bucket of more rows than this is checksummed again in finer buckets before its rows are fetched. */
const REFINE_ABOVE = 8;
/** Finer buckets per mismatched bucket when refining. */
const REFINE_BUCKETS = 16n;
/** A heavily changed range of sampled keys larger than this is streamed whole rather than fetched by segment. */
const STREAM_ABOVE = 200_000;

/** Adjacent ranges joined, then grouped into fetches of at most `rows` rows and 200 ranges. */
function batchesOf(pending: readonly Pending[], rows: number): KeyRange[][] {
  const joined: Pending[] = [];
  for (const p of pending) {
    const last = joined[joined.length - 1];
    if (last && last.rows + p.rows <= rows && last.range.hi !== undefined && p.range.lo !== undefined && sameBound(last.range.hi, p.range.lo)) {
      joined[joined.length - 1] = { range: { lo: last.range.lo, hi: p.range.hi }, rows: last.rows + p.rows };
    } else {
      joined.push(p);
    }
  }
  const out: KeyRange[][] = [];
  let batch: KeyRange[] = [];
  let count = 0;
  for (const p of joined) {
    if (batch.length > 0 && (batch.length >= MAX_RANGES_PER_FETCH || count + p.rows > rows)) {
      out.push(batch);
      batch = [];
      count = 0;
    }
    batch.push(p.range);
    count += p.rows;
  }
  if (batch.length > 0) out.push(batch);
  return out;
}

function sameBound(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a === b || (a.length === b.length && a.every((x, i) => x === b[i]));
}

/**
 * Finds the rows that differ between two sides: checksums per segment, splits of the
 * segments that disagree, and a merge (in key order) of the rows of small or heavily
 * changed segments. `sourceRows` / `targetRows` keep what differs.
 */
export class SegmentDiff {
  readonly stats: TableDiffStats = { sourceRows: 0, targetRows: 0, segments: 0, rowsFetched: 0, ms: 0 };
  readonly sourceRows: DiffSyncModel[] = [];
  readonly targetRows: DiffSyncModel[] = [];
  private readonly compare: (a: Record<string, unknown>, b: Record<string, unknown>) => number;
  private readonly same: (a: DiffSyncModel, b: DiffSyncModel) => boolean;

  constructor(
    private readonly source: Side,
    private readonly target: Side,
    model: ModelClass,
    private readonly options: SegmentOptions,
  ) {
    this.compare = keyComparator(source.keys);
    const meta = getModelMetadata(model);
    this.same = (a, b) => meta.sameAttrs(meta.attrsOf(a as never), b as never);
  }

  async run(): Promise<void> {
    const keys = this.source.keys;
    if (keys.length === 1 && ['integer', 'bigint', 'smallint'].includes(keys[0].type)) await this.runInteger();
    else await this.runSampled();
  }

  private async progress(): Promise<void> {
    if (this.options.onProgress) await this.options.onProgress(this.stats);
  }

  // ---- integer keys: bucket checksums by arithmetic on the key, one GROUP BY per range ----

  private async runInteger(): Promise<void> {
    const [a, b] = await Promise.all([this.source.bounds(), this.target.bounds()]);
    const los = [a.lo, b.lo].filter((x): x is bigint => x !== undefined);
    const his = [a.hi, b.hi].filter((x): x is bigint => x !== undefined);
    if (los.length === 0) return;
    const lo = los.reduce((x, y) => (x < y ? x : y));
    const hi = his.reduce((x, y) => (x > y ? x : y)) + 1n;
    const threads = BigInt(Math.max(1, Math.min(this.options.threads, Number(hi - lo))));
    const width = (hi - lo + threads - 1n) / threads;
    // Sized by the key span (dense keys); gaps only make buckets emptier. Row counts come from the buckets.
    const expected = Number((hi - lo) / threads);
    const parts: Promise<void>[] = [];
    for (let start = lo; start < hi; start += width) {
      const end = start + width < hi ? start + width : hi;
      parts.push(this.integerRange(start, end, expected, true));
    }
    await Promise.all(parts);
  }

  private async integerRange(lo: bigint, hi: bigint, expected: number, top = false): Promise<void> {
    const span = hi - lo;
    const wanted = Math.min(MAX_BUCKETS, Math.max(this.options.segments, Math.ceil(expected / this.options.bucketRows)));
    const buckets = BigInt(wanted) < span ? BigInt(wanted) : span;
    const width = (span + buckets - 1n) / buckets;
    const [a, b] = await Promise.all([this.source.bucketChecksums(lo, width, hi), this.target.bucketChecksums(lo, width, hi)]);
    const ids = [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => x - y);
    this.stats.segments += ids.length;
    const mismatched: Pending[] = [];
    let total = 0;
    for (const id of ids) {
      const x = a.get(id);
      const y = b.get(id);
      if (top) {
        this.stats.sourceRows += x?.n ?? 0;
        this.stats.targetRows += y?.n ?? 0;
      }
      const rows = Math.max(x?.n ?? 0, y?.n ?? 0);
      total += rows;
      if (differs(x, y)) {
        const start = lo + BigInt(id) * width;
        const end = start + width < hi ? start + width : hi;
        mismatched.push({ range: { lo: [start], hi: [end] }, rows });
      }
    }
    await this.progress();
    await this.settle(
      mismatched,
      total,
      undefined,
      width === 1n,
      (p) => {
        const [s, e] = [BigInt(p.range.lo?.[0] as bigint), BigInt(p.range.hi?.[0] as bigint)];
        return this.integerRange(s, e, p.rows);
      },
      (direct) => this.refineInteger(lo, width, hi, direct),
    );
  }

  /**
   * The mismatched buckets about to be fetched, checksummed again in buckets `REFINE_BUCKETS`
   * times finer (one query per side for up to 200 of them): only the finer buckets that
   * differ are fetched. Scattered differences then fetch a few rows each, not whole buckets.
   */
  private async refineInteger(lo: bigint, width: bigint, hi: bigint, direct: Pending[]): Promise<Pending[]> {
    const worth = direct.filter((p) => p.rows > REFINE_ABOVE);
    if (width <= 2n || worth.length === 0) return direct;
    const sub = (width + REFINE_BUCKETS - 1n) / REFINE_BUCKETS;
    const batches: Pending[][] = [];
    for (let i = 0; i < worth.length; i += MAX_RANGES_PER_FETCH) batches.push(worth.slice(i, i + MAX_RANGES_PER_FETCH));
    const refined = await this.inParallel(
      batches,
      async (batch) => {
        const ranges = batch.map((p) => p.range);
        const [a, b] = await Promise.all([this.source.bucketChecksums(lo, sub, hi, ranges), this.target.bucketChecksums(lo, sub, hi, ranges)]);
        const ids = [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => x - y);
        this.stats.segments += ids.length;
        const out: Pending[] = [];
        for (const id of ids) {
          const x = a.get(id);
          const y = b.get(id);
          if (!differs(x, y)) continue;
          const start = lo + BigInt(id) * sub;
          out.push({ range: { lo: [start], hi: [start + sub < hi ? start + sub : hi] }, rows: Math.max(x?.n ?? 0, y?.n ?? 0) });
        }
        return out;
      },
      this.options.threads + 1,
    );
    const out = [...direct.filter((p) => p.rows <= REFINE_ABOVE), ...refined.flat()];
    return out.sort((p, q) => {
      const [x, y] = [BigInt(p.range.lo?.[0] as bigint), BigInt(q.range.lo?.[0] as bigint)];
      return x < y ? -1 : x > y ? 1 : 0;
    });
  }

  // ---- other keys: segment boundaries sampled from the key distribution ----

  private async runSampled(): Promise<void> {
    const [a, b] = await Promise.all([this.source.count({}), this.target.count({})]);
    this.stats.sourceRows = a;
    this.stats.targetRows = b;
    await this.sampledRange({}, a, b);
  }

  private async sampledRange(range: KeyRange, sourceRows: number, targetRows: number): Promise<void> {
    const rows = Math.max(sourceRows, targetRows);
    if (rows <= this.options.leafRows) {
      await this.fetchAndMerge([range]);
      return;
    }
    const sampler = sourceRows >= targetRows ? this.source : this.target;
    const step = Math.max(1, Math.ceil(rows / this.options.segments));
    const cuts = await sampler.sampleKeys(range, step);
    const segments: KeyRange[] = [];
    let lo = range.lo;
    for (const cut of cuts) {
      segments.push({ lo, hi: cut });
      lo = cut;
    }
    segments.push({ lo, hi: range.hi });
    const sums = await this.inParallel(segments, (s) => Promise.all([this.source.checksum(s), this.target.checksum(s)]));
    this.stats.segments += segments.length;
    const mismatched: Pending[] = [];
    const counts = new Map<KeyRange, [number, number]>();
    let total = 0;
    segments.forEach((s, i) => {
      const [x, y] = sums[i];
      total += Math.max(x.n, y.n);
      if (differs(x, y)) {
        mismatched.push({ range: s, rows: Math.max(x.n, y.n) });
        counts.set(s, [x.n, y.n]);
      }
    });
    await this.progress();
    const single = cuts.length === 0; // the sample found no split point: merge
    await this.settle(mismatched, total, total > STREAM_ABOVE ? range : undefined, single, (p) => {
      const [x, y] = counts.get(p.range) as [number, number];
      return this.sampledRange(p.range, x, y);
    });
  }

  // ---- shared ----

  /**
   * Fetches and merges the small mismatched segments and splits the large ones; when the
   * mismatched segments hold much of the range (`fullMergeRatio`), they are all fetched
   * at once instead of split (or, without per-segment counts, the range is streamed whole).
   */
  private async settle(
    mismatched: Pending[],
    total: number,
    whole: KeyRange | undefined,
    atomic: boolean,
    split: (p: Pending) => Promise<void>,
    refine?: (direct: Pending[]) => Promise<Pending[]>,
  ): Promise<void> {
    if (mismatched.length === 0) return;
    const differing = mismatched.reduce((sum, p) => sum + p.rows, 0);
    const heavy = differing > this.options.leafRows && differing > this.options.fullMergeRatio * total;
    if (heavy && whole) {
      await this.streamMerge(whole);
      return;
    }
    let direct = heavy || atomic ? mismatched : mismatched.filter((p) => p.rows <= this.options.leafRows);
    const deeper = heavy || atomic ? [] : mismatched.filter((p) => p.rows > this.options.leafRows);
    if (refine && !heavy && !atomic) direct = await refine(direct);
    await this.inParallel(batchesOf(direct, FETCH_ROWS), (b) => this.fetchAndMerge(b), this.options.threads + 1);
    await this.inParallel(deeper, split);
  }

  private async inParallel<T, R>(items: readonly T[], fn: (item: T) => Promise<R>, width = this.options.threads): Promise<R[]> {
    const out = new Array<R>(items.length);
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(items.length, Math.max(1, width)) }, worker));
    return out;
  }

  private async fetchAndMerge(ranges: KeyRange[]): Promise<void> {
    const [a, b] = await Promise.all([this.source.rows(ranges), this.target.rows(ranges)]);
    this.stats.rowsFetched += a.length + b.length;
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      const c = i >= a.length ? 1 : j >= b.length ? -1 : this.compare(a[i] as never, b[j] as never);
      if (c < 0) this.sourceRows.push(a[i++]);
      else if (c > 0) this.targetRows.push(b[j++]);
      else {
        if (!this.same(a[i], b[j])) {
          this.sourceRows.push(a[i]);
          this.targetRows.push(b[j]);
        }
        i++;
        j++;
      }
    }
  }

  /** Both sides' rows of `range`, streamed in key order and merged; only differing rows are kept. */
  private async streamMerge(range: KeyRange): Promise<void> {
    const left = this.source.stream(range)[Symbol.asyncIterator]();
    const right = this.target.stream(range)[Symbol.asyncIterator]();
    try {
      let [x, y] = await Promise.all([left.next(), right.next()]);
      while (!x.done || !y.done) {
        const c = x.done ? 1 : y.done ? -1 : this.compare(x.value as never, y.value as never);
        if (c < 0) {
          this.sourceRows.push(x.value as DiffSyncModel);
          this.stats.rowsFetched++;
          x = await left.next();
        } else if (c > 0) {
          this.targetRows.push(y.value as DiffSyncModel);
          this.stats.rowsFetched++;
          y = await right.next();
        } else {
          if (!this.same(x.value as DiffSyncModel, y.value as DiffSyncModel)) {
            this.sourceRows.push(x.value as DiffSyncModel);
            this.targetRows.push(y.value as DiffSyncModel);
          }
          this.stats.rowsFetched += 2;
          [x, y] = await Promise.all([left.next(), right.next()]);
        }
      }
    } finally {
      await Promise.all([left.return?.(undefined), right.return?.(undefined)]);
    }
  }
}

function differs(x: Checksum | undefined, y: Checksum | undefined): boolean {
  if (!x || !y) return (x?.n ?? 0) + (y?.n ?? 0) > 0;
  return x.n !== y.n || x.s !== y.s;
}
