import fc from 'fast-check';
import { SqliteStore } from '@diffsync/sqlite-store';
import type { World, WorldFlags } from '../../../test-support/move-fixtures';
import { AFTER, BEFORE, STORE_SCENARIOS, deletionFlagsArb, shapeOf, syncOnStores, worldArb } from '../../../test-support/move-fixtures';
import { tempFolder } from './temp-files';

// Moves (an object deleted under one parent and created under another in one diff) on
// SqliteStore: the sync deletes the old copy first, and the file holds the new one.
const temp = tempFolder('moves');
afterAll(() => temp.cleanup());

function onSqlite(src: World, dst: World, options: { flags?: WorldFlags; concurrency?: number; slow?: boolean } = {}) {
  const filename = temp.file('moves.sqlite');
  return syncOnStores(
    (side) => new SqliteStore({ filename, storeId: side }),
    (store) => new SqliteStore({ filename, storeId: (store as SqliteStore).storeId }),
    src,
    dst,
    options,
  );
}

describe('moves on SqliteStore', () => {
  it.each(STORE_SCENARIOS)('%s: the reopened file holds the source', async (_label, src, dst, flags) => {
    const outcome = await onSqlite(src, dst, { flags });
    expect(outcome.world).toEqual(shapeOf(src));
    expect(outcome.reopenedWorld).toEqual(shapeOf(src));
    expect(outcome.leftover).toBe(false);
  });

  it('calls the old copy’s delete hook before the new copy’s create hook, also with concurrency 4', async () => {
    const outcome = await onSqlite(AFTER, BEFORE, { concurrency: 4, slow: true });
    for (const moved of ['country tr', 'city basel', 'city istanbul']) {
      expect(outcome.calls.indexOf(`delete ${moved}`)).toBeGreaterThanOrEqual(0);
      expect(outcome.calls.indexOf(`delete ${moved}`)).toBeLessThan(outcome.calls.indexOf(`create ${moved}`));
    }
    expect(outcome.leftover).toBe(false);
  });

  it('converges for random moves', async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, worldArb, deletionFlagsArb, fc.constantFrom(1, 3), async (src, dst, continent, concurrency) => {
        const outcome = await onSqlite(src, dst, { flags: { continent }, concurrency });
        expect(outcome.reopenedWorld).toEqual(shapeOf(src));
        expect(outcome.leftover).toBe(false);
      }),
      { numRuns: 40 },
    );
  });
});
