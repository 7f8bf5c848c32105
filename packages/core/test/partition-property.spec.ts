import fc from 'fast-check';
import type { Partition } from '../src';
import { Diff } from '../src';
import type { BackendData, SiteData } from './fixtures/backends';
import type { PartData } from './fixtures/partitioned';
import { normalized, PartA, PartB } from './fixtures/partitioned';

/*
 * Property: for random pairs of hierarchical datasets (sites / devices / interfaces, child
 * types on one side only, a top-level type on one side only) and a random partition count:
 *  - each partition's diff is the same whether the adapters load only that partition or
 *    load everything and get { partition };
 *  - Diff.merge of all partitions' diffs equals the unpartitioned diff (elements and summary);
 *  - syncing each partition in turn gives the state one whole sync gives, whether the
 *    partitions are synced on one fully loaded target or each on its own partial adapter.
 */

const SITES = ['s0', 's1', 's2', 's3', 's4', 's5', 'ß6', '站7'];

const deviceArb = fc.record({
  role: fc.constantFrom('spine', 'leaf', 'edge'),
  interfaces: fc.dictionary(fc.constantFrom('eth0', 'eth1', 'eth2'), fc.constantFrom('up', 'down', ''), { maxKeys: 3 }),
});

function siteArb(site: string, extraKind: 'people' | 'places'): fc.Arbitrary<SiteData> {
  return fc
    .record({
      devices: fc.dictionary(fc.constantFrom(...[0, 1, 2].map((k) => `${site}-d${k}`)), deviceArb, { maxKeys: 3 }),
      extra: fc.shuffledSubarray([0, 1].map((k) => `${site}-${extraKind}${k}`)),
    })
    .map(({ devices, extra }) => ({ devices, [extraKind]: extra }));
}

function sitesArb(extraKind: 'people' | 'places'): fc.Arbitrary<BackendData> {
  return fc
    .tuple(fc.shuffledSubarray(SITES), ...SITES.map((s) => siteArb(s, extraKind)))
    .map(([present, ...contents]) => Object.fromEntries(present.map((s) => [s, contents[SITES.indexOf(s)]])));
}

/** B (the source) has places only on sites A also has: A cannot create places (it has no such model). */
const caseArb = fc
  .record({
    dst: sitesArb('people'),
    src: sitesArb('places'),
    unused: fc.shuffledSubarray(['u0', 'u1', 'u2', 'u3', 'u4']),
    count: fc.integer({ min: 1, max: 6 }),
  })
  .map(({ dst, src, unused, count }) => {
    for (const [name, site] of Object.entries(src)) if (!(name in dst)) site.places = [];
    return { a: { sites: dst, unused }, b: { sites: src }, count };
  });

async function pair(a: PartData, b: PartData, partition?: Partition): Promise<{ a: PartA; b: PartB }> {
  const pa = new PartA(a, { partition });
  const pb = new PartB(b, { partition });
  await Promise.all([pa.load(), pb.load()]);
  return { a: pa, b: pb };
}

describe('partitions (property)', () => {
  it('merged partition diffs = the whole diff; partition syncs in turn = the whole sync', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ a, b, count }) => {
        const whole = await pair(a, b);
        const wholeDiff = await whole.a.diffFrom(whole.b);
        await whole.a.syncFrom(whole.b);
        const synced = await whole.a.toDict();

        const full = await pair(a, b); // synced partition by partition
        const pieces: Diff[] = [];
        const union: Record<string, Record<string, unknown>> = {};
        for (let index = 0; index < count; index++) {
          const partition = { index, count };
          const one = await pair(a, b, partition);
          const loadedAll = await pair(a, b);
          const diffOne = await one.a.diffFrom(one.b);
          const diffAll = await loadedAll.a.diffFrom(loadedAll.b, { partition });
          expect(diffAll.toJSON()).toEqual(diffOne.toJSON());
          expect(diffAll.summary()).toEqual(diffOne.summary());
          pieces.push(diffOne);

          await full.a.syncFrom(full.b, { partition });
          await one.a.syncFrom(one.b);
          for (const [type, objs] of Object.entries(await one.a.toDict())) Object.assign((union[type] ??= {}), objs);
        }
        const merged = Diff.merge(...pieces);
        expect(normalized(merged)).toEqual(normalized(wholeDiff));
        expect(merged.summary()).toEqual(wholeDiff.summary());
        expect(await full.a.toDict()).toEqual(synced);
        expect(union).toEqual(synced);
      }),
      { numRuns: 300 },
    );
  });
});
