import fc from 'fast-check';
import type { Adapter, SyncLogger } from '../src';
import { Diff, DiffSyncFlags, DiffSyncModelFlags, ObjectNotCreated, ObjectNotDeleted, partitionOf } from '../src';
import type { World, WorldFlags } from '../../../test-support/move-fixtures';
import { AFTER, BEFORE, MOVED, OTTOMAN, WorldAdapter, deletionFlagsArb, shapeOf, worldArb, worldOf } from '../../../test-support/move-fixtures';

/*
 * Moves: an object deleted under one parent and created under another in one diff
 * (same type and uid). The diff stays a delete and a create; the sync runs the delete
 * first, whatever the order of the two in the diff.
 */

async function pair(src: World, dst: World, flags: WorldFlags = {}) {
  const source = new WorldAdapter(src, { name: 'src', flags });
  const target = new WorldAdapter(dst, { name: 'dst', flags });
  await source.load();
  await target.load();
  return { source, target };
}

/** A new adapter loaded from `adapter.toDict()`: what the sync left in the store, read afresh. */
async function reloaded(adapter: Adapter): Promise<WorldAdapter> {
  const fresh = new WorldAdapter();
  await fresh.loadFromDict(await adapter.toDict());
  return fresh;
}

/** The sync ends as if it had never had to wait: the target is the source, read afresh too. */
async function expectConverged(source: WorldAdapter, target: WorldAdapter, world: World) {
  expect(await worldOf(target)).toEqual(shapeOf(world));
  expect((await target.diffFrom(source)).hasDiffs()).toBe(false);
  expect((await (await reloaded(target)).diffFrom(source)).hasDiffs()).toBe(false);
}

class MemoryLogger implements SyncLogger {
  readonly events: Array<{ level: string; message: string; meta: Record<string, unknown> }> = [];
  level = 'debug';
  error(message: string, meta: Record<string, unknown> = {}) {
    this.events.push({ level: 'error', message, meta });
  }
  warn(message: string, meta: Record<string, unknown> = {}) {
    this.events.push({ level: 'warn', message, meta });
  }
  info(message: string, meta: Record<string, unknown> = {}) {
    this.events.push({ level: 'info', message, meta });
  }
  debug(message: string, meta: Record<string, unknown> = {}) {
    this.events.push({ level: 'debug', message, meta });
  }
}

describe('sync of moved objects (LocalStore)', () => {
  it('deletes a moved country (and its cities) before creating it under its new continent', async () => {
    const { source, target } = await pair(AFTER, BEFORE);
    const diff = await target.diffFrom(source);
    // The diff is diffsync's: the move is a delete and a create, the create listed first.
    expect(diff.summary()).toEqual({ create: 4, update: 0, delete: 4, 'no-change': 8, skip: 0 });
    expect(diff.str()).toContain('country: tr MISSING in dst');
    const progress: number[] = [];
    await target.syncFrom(source, { diff, callback: (stage, current, total) => stage === 'sync' && progress.push(current, total) });
    expect(target.calls).toEqual([
      'delete city basel',
      'delete country tr',
      'delete city istanbul',
      'delete city ankara',
      'create country tr',
      'create city istanbul',
      'create city izmir',
      'create city basel',
    ]);
    // Every element counts once, deferred or not.
    expect(progress.slice(-2)).toEqual([diff.length, diff.length]);
    await expectConverged(source, target, AFTER);
    const europe = await target.get('continent', 'europe');
    expect((europe as unknown as { countries: string[] }).countries).toEqual(['fr', 'ch']);
  });

  it('logs each moved element as diffsync logs a delete and a create', async () => {
    const { source, target } = await pair(AFTER, BEFORE);
    const logger = new MemoryLogger();
    target.logger = logger;
    await target.syncFrom(source);
    const perElement = logger.events.filter((e) => 'uniqueId' in e.meta);
    // Two events per changed element (attempt, status), all successes; one summary line for the deferred creates.
    expect(perElement).toHaveLength(2 * 8);
    expect(
      perElement
        .filter((e) => e.level === 'info')
        .map((e) => e.message)
        .sort(),
    ).toEqual([...Array<string>(4).fill('Created successfully'), ...Array<string>(4).fill('Deleted successfully')]);
    expect(logger.events.filter((e) => e.level === 'warn' || e.level === 'error')).toEqual([]);
    expect(logger.events.map((e) => e.message)).toContain('Applying 2 create(s) of moved objects deferred until their old copies were deleted');
  });

  it.each([1, 4])('gives the same result with concurrency %i and hooks that wait', async (concurrency) => {
    const { source, target } = await pair(AFTER, BEFORE);
    target.slow = true;
    await target.syncFrom(source, { concurrency });
    expect([...target.calls].sort()).toEqual(
      [
        'create city basel',
        'create city istanbul',
        'create city izmir',
        'create country tr',
        'delete city ankara',
        'delete city basel',
        'delete city istanbul',
        'delete country tr',
      ].sort(),
    );
    for (const moved of ['country tr', 'city basel', 'city istanbul']) {
      expect(target.calls.indexOf(`delete ${moved}`)).toBeLessThan(target.calls.indexOf(`create ${moved}`));
    }
    await expectConverged(source, target, AFTER);
  });

  it.each([
    [
      'parent first (default)',
      DiffSyncModelFlags.NONE,
      ['delete continent ottoman', 'delete country tr', 'delete city bursa', 'create country tr', 'create city bursa'],
    ],
    [
      'NATURAL_DELETION_ORDER',
      DiffSyncModelFlags.NATURAL_DELETION_ORDER,
      ['delete country tr', 'delete city bursa', 'delete continent ottoman', 'create country tr', 'create city bursa'],
    ],
    ['SKIP_CHILDREN_ON_DELETE', DiffSyncModelFlags.SKIP_CHILDREN_ON_DELETE, ['delete continent ottoman', 'create country tr', 'create city bursa']],
  ])('moves out of a continent deleted in the same sync: %s', async (_label, continentFlags, calls) => {
    const { source, target } = await pair(MOVED, OTTOMAN, { continent: continentFlags });
    await target.syncFrom(source);
    expect(target.calls).toEqual(calls);
    await expectConverged(source, target, MOVED);
  });

  it('moves into a continent created in the same sync', async () => {
    const src: World = { oceania: { au: { population: 26, cities: ['perth'] } }, asia: {} };
    const dst: World = { asia: { au: { population: 26, cities: ['perth'] } } };
    const { source, target } = await pair(src, dst);
    await target.syncFrom(source);
    expect(target.calls).toEqual(['create continent oceania', 'delete country au', 'delete city perth', 'create country au', 'create city perth']);
    await expectConverged(source, target, src);
  });

  it('swaps two countries between continents', async () => {
    const dst: World = { asia: { tr: { population: 1, cities: ['a'] } }, europe: { kz: { population: 2, cities: ['b'] } } };
    const src: World = { asia: { kz: { population: 2, cities: ['b'] } }, europe: { tr: { population: 1, cities: ['a'] } } };
    const { source, target } = await pair(src, dst);
    await target.syncFrom(source);
    await expectConverged(source, target, src);
  });

  it('leaves a move whose delete fails as diffsync would (CONTINUE_ON_FAILURE): the create fails too', async () => {
    const { source, target } = await pair(AFTER, BEFORE);
    target.failDelete.add('tr');
    const logger = new MemoryLogger();
    target.logger = logger;
    await target.syncFrom(source, { flags: DiffSyncFlags.CONTINUE_ON_FAILURE });
    const errors = logger.events.filter((e) => e.level === 'error').map((e) => e.message);
    expect(errors).toEqual(['country tr is locked', "Failed to create country {'code': 'tr'} - it already exists!"]);
    // tr and its cities stay where they were; the rest is applied.
    expect(await worldOf(target)).toEqual({
      asia: { cn: ['beijing'] },
      europe: { tr: ['ankara', 'istanbul'], fr: ['paris'], ch: ['basel', 'bern'] },
    });
    expect((await target.diffFrom(source)).summary()).toEqual({ create: 3, update: 0, delete: 3, 'no-change': 9, skip: 0 });
  });

  it('leaves a move whose delete hook vetoes (returns null) in place, with a failure for the create', async () => {
    const { source, target } = await pair(AFTER, BEFORE);
    target.vetoDelete.add('tr');
    await target.syncFrom(source, { flags: DiffSyncFlags.CONTINUE_ON_FAILURE });
    expect(target.calls.filter((c) => c.includes(' tr'))).toEqual(['delete country tr']);
    expect((await worldOf(target)).europe?.tr).toEqual(['ankara', 'istanbul']);
  });

  it('stops at a failing delete without CONTINUE_ON_FAILURE', async () => {
    const { source, target } = await pair(AFTER, BEFORE);
    target.failDelete.add('tr');
    await expect(target.syncFrom(source)).rejects.toThrow(ObjectNotDeleted);
    expect(target.calls).not.toContain('create country tr');
  });

  it('across two partitions: the create’s partition alone still fails, the merged diff applies the move', async () => {
    // americas and oceania fall in different partitions of 2.
    expect([partitionOf('americas', 2), partitionOf('oceania', 2)]).toEqual([0, 1]);
    const src: World = { americas: { tr: { population: 1, cities: ['a'] } }, oceania: {} };
    const dst: World = { americas: {}, oceania: { tr: { population: 1, cities: ['a'] } } };
    const alone = await pair(src, dst);
    await expect(alone.target.syncFrom(alone.source, { partition: { index: 0, count: 2 } })).rejects.toThrow(ObjectNotCreated);

    const { source, target } = await pair(src, dst);
    const parts = [0, 1].map((index) => target.diffFrom(source, { partition: { index, count: 2 } }));
    await target.syncFrom(source, { diff: Diff.merge(...(await Promise.all(parts))) });
    await expectConverged(source, target, src);
  });

  it('still fails a create of an object that exists and is not deleted anywhere in the diff', async () => {
    const { source, target } = await pair(AFTER, BEFORE);
    const diff = await target.diffFrom(source);
    // A stale diff: tr's delete is taken out, so its create finds tr under europe.
    const europe = [...diff.getChildren()].find((e) => e.name === 'europe');
    europe?.childDiff.children.get('country')?.delete('tr');
    await expect(target.syncFrom(source, { diff })).rejects.toThrow("Failed to create country {'code': 'tr'} - it already exists!");
  });
});

describe('sync of random moves (property)', () => {
  it('converges (sync, then a fresh diff is empty), old copies deleted before the new ones are created', async () => {
    await fc.assert(
      fc.asyncProperty(
        worldArb,
        worldArb,
        deletionFlagsArb,
        deletionFlagsArb,
        fc.constantFrom(1, 3),
        async (src, dst, continentFlags, countryFlags, concurrency) => {
          const { source, target } = await pair(src, dst, { continent: continentFlags, country: countryFlags });
          target.slow = concurrency > 1;
          await target.syncFrom(source, { concurrency });
          expect(await worldOf(target)).toEqual(shapeOf(src));
          expect((await target.diffFrom(source)).hasDiffs()).toBe(false);
          expect((await (await reloaded(target)).diffFrom(source)).hasDiffs()).toBe(false);
          for (const call of target.calls) {
            if (!call.startsWith('create ')) continue;
            const deleted = target.calls.indexOf(`delete ${call.slice('create '.length)}`);
            if (deleted >= 0) expect(deleted).toBeLessThan(target.calls.indexOf(call));
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
