import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { inspect } from 'node:util';
import * as fc from 'fast-check';
import type { Adapter } from '../adapter/adapter';
import { DiffSyncError } from '../errors';
import type { BaseStore } from '../store/base-store';
import type { Dataset, RegionData } from './convergence-data';
import { applyEdits, CvAdapter, dataArbitraries, datasetDifferences, datasetKinds, loadDataset } from './convergence-data';
import type { ConvergenceValueKind } from './convergence-values';
import { HAS_BIGINT, objectFrom, valueArbitraries, VALUE_KINDS } from './convergence-values';

/**
 * Opens the store of `storeId`: the suite calls it again with the same storeId to read
 * the same persisted data through a fresh store instance (same file, same Redis keys).
 */
export type ConvergenceStoreFactory = (storeId: string) => BaseStore | Promise<BaseStore>;

/** Options of {@link describeStoreConvergence}. */
export interface StoreConvergenceOptions {
  /**
   * Values the store cannot carry. The suite still writes them (in edits) and then
   * expects flush/sync to throw a named error (a `DiffSyncError`) and the persisted data
   * to stay as it was. Every kind not listed must round-trip exactly.
   */
  refuses?: readonly ConvergenceValueKind[];
  /** False for a store that keeps nothing beyond its instance (LocalStore): no reopening. */
  persistent?: boolean;
  /** Closes a store the suite opened (default `store.close()`); e.g. RedisStore's `destroy()`. */
  closeStore?: (store: BaseStore) => Promise<void>;
  /** Property runs (default 100; env DIFFSYNC_PROPERTY_RUNS overrides). */
  numRuns?: number;
  /** Seed (default a fixed one; env DIFFSYNC_PROPERTY_SEED overrides). */
  seed?: number;
  /** Jest timeout of each property (default 120 s). */
  timeoutMs?: number;
}

/** Default seed: runs are repeatable; set DIFFSYNC_PROPERTY_SEED to explore others. */
export const DEFAULT_CONVERGENCE_SEED = 20261205;

function envNumber(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new Error(`${name} must be an integer, got ${JSON.stringify(raw)}`);
  return n;
}

/**
 * The convergence properties every store must have, as a jest + fast-check suite:
 * random three-level trees whose attributes cover every supported value type, random
 * edits, `target.syncFrom(source)`, then a fresh store over the same data must show no
 * diff and hold exactly the source's values; also the direct round trip (add, flush,
 * reopen). Values listed in `options.refuses` must be refused with a named error,
 * leaving the persisted data unchanged.
 *
 * @param name - Suite name (the store under test).
 * @param makeStore - Opens a store on the data of `storeId` (a new id per property run;
 *   the same id again to reopen).
 * @param options - Values the store refuses, persistence, run count and seed.
 *
 * @example
 * ```ts
 * import { describeStoreConvergence } from '@diffsync/core/testing';
 *
 * describeStoreConvergence('SqliteStore', (storeId) => new SqliteStore({ filename: file, storeId }), {
 *   refuses: ['bigint'],
 * });
 * ```
 */
export function describeStoreConvergence(name: string, makeStore: ConvergenceStoreFactory, options: StoreConvergenceOptions = {}): void {
  const refuses = new Set<ConvergenceValueKind>(options.refuses ?? []);
  for (const kind of refuses) {
    if (!VALUE_KINDS.includes(kind))
      throw new Error(`describeStoreConvergence: unknown value kind ${JSON.stringify(kind)} in refuses (known: ${VALUE_KINDS.join(', ')})`);
  }
  const persistent = options.persistent ?? true;
  const seed = envNumber('DIFFSYNC_PROPERTY_SEED') ?? options.seed ?? DEFAULT_CONVERGENCE_SEED;
  const numRuns = envNumber('DIFFSYNC_PROPERTY_RUNS') ?? options.numRuns ?? 100;
  const timeout = options.timeoutMs ?? 120_000;
  const close = options.closeStore ?? ((store: BaseStore) => store.close());
  let counter = 0;
  const nextStoreId = () => `cv${seed}_${process.pid}_${++counter}`;

  describe(`${name} store convergence`, () => {
    const open: Array<{ store: BaseStore; dirty: boolean }> = [];
    const opened = async (storeId: string): Promise<CvAdapter> => {
      const store = await makeStore(storeId);
      open.push({ store, dirty: false });
      return new CvAdapter({ name: `convergence ${storeId}`, store });
    };
    const markDirty = (adapter: Adapter) => {
      for (const entry of open) if (entry.store === adapter.store) entry.dirty = true;
    };
    /** Closes every store opened so far; a store left holding a refused write may fail to close. */
    const closeAll = async () => {
      for (const { store, dirty } of open.splice(0)) {
        if (dirty) await close(store).catch(() => undefined);
        else await close(store);
      }
    };
    /** What a later process would see: a fresh adapter over a fresh store on the same data. */
    const reopen = async (adapter: CvAdapter, storeId: string): Promise<CvAdapter> => (persistent ? opened(storeId) : adapter);
    const source = async (data: Dataset): Promise<CvAdapter> => {
      const adapter = new CvAdapter({ name: 'convergence source' });
      await loadDataset(adapter, data);
      return adapter;
    };
    const expectSame = async (adapter: CvAdapter, src: CvAdapter, data: Dataset, when: string) => {
      const diff = await adapter.diffFrom(src);
      if (diff.hasDiffs()) throw new Error(`${when}: the store does not converge; diffFrom(source) is not empty:\n${diff.str()}`);
      const back = await src.diffFrom(adapter);
      if (back.hasDiffs()) throw new Error(`${when}: source.diffFrom(store) is not empty:\n${back.str()}`);
      const differences = await datasetDifferences(adapter, data);
      if (differences.length > 0) throw new Error(`${when}: the store does not hold exactly the source's values:\n  ${differences.join('\n  ')}`);
    };
    const expectRefusal = async (work: Promise<unknown>, kinds: Set<ConvergenceValueKind>, when: string) => {
      const error = await work.then(
        () => undefined,
        (e: unknown) => e,
      );
      const refused = [...kinds].filter((k) => refuses.has(k)).join(', ');
      if (error === undefined) throw new Error(`${when}: expected a named error refusing ${refused}, but it succeeded`);
      if (!(error instanceof DiffSyncError)) {
        throw new Error(`${when}: expected a named error (a DiffSyncError) refusing ${refused}, got ${inspect(error)}`, { cause: error });
      }
    };

    beforeAll(() => {
      process.stdout.write(
        `[describeStoreConvergence] ${name}: seed ${seed}, ${numRuns} runs per property` +
          ` (override with DIFFSYNC_PROPERTY_SEED / DIFFSYNC_PROPERTY_RUNS)` +
          `${refuses.size ? `; refuses ${[...refuses].join(', ')}` : ''}${HAS_BIGINT ? '' : '; no bigint in this engine'}\n`,
      );
    });
    afterAll(closeAll);

    const carried = valueArbitraries(refuses);
    const everything = valueArbitraries(new Set());
    // Most runs change only what the store carries; one in four may also bring refused values.
    const plain = dataArbitraries(carried, carried);
    const mixed = dataArbitraries(carried, everything);
    const dataset = plain.dataset;
    const edits = fc.oneof({ weight: 3, arbitrary: plain.edits }, { weight: 1, arbitrary: mixed.edits });
    const anyDataset = fc.oneof({ weight: 3, arbitrary: plain.dataset }, { weight: 1, arbitrary: dataArbitraries(everything, everything).dataset });

    it(
      'converges: after target.syncFrom(source) a fresh store over the same data has no diff and the exact values',
      async () => {
        await fc.assert(
          fc.asyncProperty(dataset, edits, fc.boolean(), async (first, changes, sameAdapter) => {
            try {
              const storeId = nextStoreId();
              const target = await opened(storeId);
              const src0 = await source(first);
              await target.syncFrom(src0);
              const seen = await reopen(target, storeId);
              await expectSame(seen, src0, first, 'after the first sync');

              const next = applyEdits(first, changes);
              const src1 = await source(next);
              const syncing = sameAdapter ? target : seen;
              const kinds = [...datasetKinds(next)].filter((k) => refuses.has(k));
              if (kinds.length > 0) {
                markDirty(syncing);
                await expectRefusal(syncing.syncFrom(src1), new Set(kinds), 'syncing edits with refused values');
                if (persistent) await expectSame(await reopen(target, storeId), src0, first, 'after a refused sync (the data must be unchanged)');
                return;
              }
              await syncing.syncFrom(src1);
              await expectSame(await reopen(syncing, storeId), src1, next, `after syncing the edits (${sameAdapter ? 'same adapter' : 'reopened adapter'})`);
            } finally {
              await closeAll();
            }
          }),
          { seed, numRuns },
        );
      },
      timeout,
    );

    it(
      'round trips directly: add, flush, and a fresh store reads exactly the same values',
      async () => {
        await fc.assert(
          fc.asyncProperty(anyDataset, async (data) => {
            try {
              const storeId = nextStoreId();
              const adapter = await opened(storeId);
              const src = await source(data);
              const kinds = [...datasetKinds(data)].filter((k) => refuses.has(k));
              if (kinds.length > 0) {
                markDirty(adapter);
                const writing = (async () => {
                  await loadDataset(adapter, data);
                  await adapter.flush();
                })();
                await expectRefusal(writing, new Set(kinds), 'adding and flushing refused values');
                if (persistent)
                  await expectSame(await reopen(adapter, storeId), await source(new Map()), new Map(), 'after a refused flush (the store must stay empty)');
                return;
              }
              await loadDataset(adapter, data);
              await adapter.flush();
              await expectSame(await reopen(adapter, storeId), src, data, 'after add and flush');
            } finally {
              await closeAll();
            }
          }),
          { seed, numRuns },
        );
      },
      timeout,
    );

    /** Syncs the example tree, then the tree holding `kind` (or the special keys), and checks what a fresh store reads. */
    const example = async (kind: ConvergenceValueKind | 'keys') => {
      try {
        const storeId = nextStoreId();
        const target = await opened(storeId);
        const base = exampleDataset(undefined);
        const src0 = await source(base);
        await target.syncFrom(src0);
        await expectSame(await reopen(target, storeId), src0, base, 'after syncing the plain example');
        const data = exampleDataset(kind);
        const src1 = await source(data);
        if (kind !== 'keys' && refuses.has(kind)) {
          markDirty(target);
          await expectRefusal(target.syncFrom(src1), new Set([kind]), `syncing ${kind}`);
          if (persistent) await expectSame(await reopen(target, storeId), src0, base, `after refusing ${kind} (the data must be unchanged)`);
          return;
        }
        await target.syncFrom(src1);
        await expectSame(await reopen(target, storeId), src1, data, `after syncing ${kind}`);
      } finally {
        await closeAll();
      }
    };

    it('carries nested objects with the keys constructor, __proto__ and prototype exactly', () => example('keys'));

    // One example per value kind, so a failure names the kind without shrinking.
    for (const kind of VALUE_KINDS) {
      if (kind === 'bigint' && !HAS_BIGINT) continue;
      const verb = refuses.has(kind) ? 'refuses, with a named error and no change,' : 'carries exactly';
      it(`${verb} ${kind} in attribute values, nested values and object keys`, () => example(kind));
    }
  });
}

const EXAMPLES: Record<ConvergenceValueKind, { flat: unknown; key: string | undefined }> = {
  NaN: { flat: NaN, key: undefined },
  Infinity: { flat: Infinity, key: undefined },
  '-Infinity': { flat: -Infinity, key: undefined },
  '-0': { flat: -0, key: undefined },
  bigint: { flat: HAS_BIGINT ? BigInt('-123456789012345678901234567890') : null, key: undefined },
  'lone surrogate': { flat: 'a\ud800b', key: '\udc00' },
  NUL: { flat: 'a\u0000b', key: '\u0000' },
};

/** One region with a host and a port, holding `kind` at the top level, nested and as a key ('keys': the special keys). */
function exampleDataset(kind: ConvergenceValueKind | 'keys' | undefined): Dataset {
  const example = kind && kind !== 'keys' ? EXAMPLES[kind] : undefined;
  const flat = example?.flat;
  const entries: Array<[string, unknown]> = [['plain', { a: [1, 'x', null, true] }]];
  if (kind === 'keys')
    entries.push(['constructor', { prototype: [1, 'x'] }], ['__proto__', { polluted: true }], ['prototype', objectFrom([['__proto__', []]])]);
  if (example) entries.push(['v', [flat, { deep: flat }]]);
  if (example?.key !== undefined) entries.push([example.key, 1]);
  const nested = objectFrom(entries);
  const isString = typeof flat === 'string';
  const isNumber = typeof flat === 'number';
  const region: RegionData = {
    attrs: { label: isString ? flat : 'plain', founded: new Date(-8.64e15), settings: nested },
    hosts: new Map([
      [
        'r1',
        {
          attrs: {
            weight: isNumber ? flat : 1.5,
            enabled: true,
            seen: new Date(8.64e15),
            note: isString ? flat : null,
            tags: [flat ?? null, nested],
            config: nested,
          },
          ports: new Map([[0, { speed: isNumber ? flat : null, counter: kind === 'bigint' ? flat : null, value: example ? { kind, flat } : null }]]),
        },
      ],
    ]),
  };
  return new Map([['ams', region]]);
}
