import fc from 'fast-check';
import type { DiffSummary } from '../src';
import type { BackendData, SiteData } from './fixtures/backends';
import { BackendA, BackendB } from './fixtures/backends';

/*
 * Property: for random pairs of hierarchical datasets (sites / devices / interfaces with
 * random attributes and overlaps, plus child types present on one side only),
 *  - the summary of dst.diffFrom(src) equals a plain reference diff over Maps;
 *  - after dst.syncFrom(src), dst.diffFrom(src) has no diffs.
 */

const SITES = ['s0', 's1', 's2', 's3'];

const deviceArb = fc.record({
  role: fc.constantFrom('spine', 'leaf', 'edge'),
  interfaces: fc.dictionary(fc.constantFrom('eth0', 'eth1', 'eth2'), fc.constantFrom('up', 'down', ''), { maxKeys: 3 }),
});

/** A site's content; device and extra-child names embed the site so uids never move between sites. */
function siteArb(site: string, extraKind: 'people' | 'places'): fc.Arbitrary<SiteData> {
  return fc
    .record({
      devices: fc.dictionary(fc.constantFrom(...[0, 1, 2, 3].map((k) => `${site}-d${k}`)), deviceArb, { maxKeys: 4 }),
      extra: fc.shuffledSubarray([0, 1, 2].map((k) => `${site}-${extraKind}${k}`)),
    })
    .map(({ devices, extra }) => ({ devices, [extraKind]: extra }));
}

function sideArb(extraKind: 'people' | 'places'): fc.Arbitrary<BackendData> {
  return fc
    .tuple(fc.shuffledSubarray(SITES), ...SITES.map((s) => siteArb(s, extraKind)))
    .map(([present, ...contents]) => Object.fromEntries(present.map((s) => [s, contents[SITES.indexOf(s)]])));
}

/** B (the source) may have places only on sites A also has: A cannot create places (it has no such model). */
const pairArb = fc.tuple(sideArb('people'), sideArb('places')).map(([dst, src]) => {
  for (const [name, site] of Object.entries(src)) if (!(name in dst)) site.places = [];
  return { dst, src };
});

type Counts = Omit<DiffSummary, 'skip'> & { skip: number; processed: number };

/** Plain recursive reference diff of two datasets (src = "+", dst = "-"), diffsync's counting rules. */
function referenceDiff(src: BackendData, dst: BackendData): Counts {
  const c: Counts = { create: 0, update: 0, delete: 0, 'no-change': 0, skip: 0, processed: 0 };
  const oneSided = (site: SiteData, action: 'create' | 'delete', extras: number) => {
    c[action] += 1 + extras;
    for (const device of Object.values(site.devices)) c[action] += 1 + Object.keys(device.interfaces).length;
  };
  const srcSites = new Map(Object.entries(src));
  const dstSites = new Map(Object.entries(dst));
  for (const [name, s] of srcSites) {
    const d = dstSites.get(name);
    if (!d) {
      oneSided(s, 'create', s.places?.length ?? 0);
      continue;
    }
    c['no-change'] += 1; // sites have no attributes
    c.skip += (s.places?.length ?? 0) + (d.people?.length ?? 0); // child types on one side only
    const srcDevices = new Map(Object.entries(s.devices));
    const dstDevices = new Map(Object.entries(d.devices));
    for (const [dev, sd] of srcDevices) {
      const dd = dstDevices.get(dev);
      if (!dd) {
        c.create += 1 + Object.keys(sd.interfaces).length;
        continue;
      }
      c[sd.role === dd.role ? 'no-change' : 'update'] += 1;
      const dstIntfs = new Map(Object.entries(dd.interfaces));
      for (const [intf, desc] of Object.entries(sd.interfaces)) {
        if (!dstIntfs.has(intf)) c.create += 1;
        else c[dstIntfs.get(intf) === desc ? 'no-change' : 'update'] += 1;
      }
      for (const intf of dstIntfs.keys()) if (!(intf in sd.interfaces)) c.delete += 1;
    }
    for (const [dev, dd] of dstDevices) if (!srcDevices.has(dev)) c.delete += 1 + Object.keys(dd.interfaces).length;
  }
  for (const [name, d] of dstSites) if (!srcSites.has(name)) oneSided(d, 'delete', d.people?.length ?? 0);
  c.processed = c.create + 2 * c.update + c.delete + 2 * c['no-change'] + c.skip;
  return c;
}

describe('property: random dataset pairs', () => {
  it('the summary matches the reference diff, and a sync leaves nothing to diff', async () => {
    await fc.assert(
      fc.asyncProperty(pairArb, async ({ dst, src }) => {
        const a = new BackendA({ data: dst });
        const b = new BackendB({ data: src });
        await a.load();
        await b.load();
        const expected = referenceDiff(src, dst);
        const diff = await a.diffFrom(b);
        const { processed, ...summary } = expected;
        expect(diff.summary()).toEqual(summary);
        expect(diff.modelsProcessed).toBe(processed);
        expect(diff.length).toBe(expected.create + expected.update + expected.delete + expected['no-change']);
        expect(diff.hasDiffs()).toBe(expected.create + expected.update + expected.delete > 0);

        await a.syncFrom(b);
        const after = await a.diffFrom(b);
        expect(after.hasDiffs()).toBe(false);
        const again = referenceDiff(src, src);
        expect(after.summary()).toMatchObject({ create: 0, update: 0, delete: 0, 'no-change': again['no-change'] });
      }),
      { numRuns: 100 },
    );
  });

  it('the reference diff itself counts a known case by hand', () => {
    const src: BackendData = { s0: { devices: { 's0-d0': { role: 'leaf', interfaces: { eth0: 'up' } } }, places: ['p'] } };
    const dst: BackendData = { s0: { devices: { 's0-d0': { role: 'spine', interfaces: { eth1: 'up' } } }, people: ['q', 'r'] } };
    expect(referenceDiff(src, dst)).toEqual({ create: 1, update: 1, delete: 1, 'no-change': 1, skip: 3, processed: 9 });
  });
});
