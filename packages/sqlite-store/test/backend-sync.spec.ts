import { LocalStore } from '@diffsync/core';
import { SqliteStore } from '@diffsync/sqlite-store';
import { diffAndSyncBackends } from '../../../test-support/backend-fixtures';
import { tempFolder } from './temp-files';

const temp = tempFolder('backends');
afterAll(() => temp.cleanup());

describe('BackendA/BackendB diff and sync on SqliteStore', () => {
  it('gives LocalStore’s summary, diff and result, and the result survives a reopen', async () => {
    const local = await diffAndSyncBackends(() => new LocalStore());
    const filename = temp.file('backends.sqlite');
    const sqlite = await diffAndSyncBackends(
      (side) => new SqliteStore({ filename, storeId: `backend-${side}` }),
      (store) => new SqliteStore({ filename, storeId: (store as SqliteStore).storeId }),
    );
    expect(local.summary).toEqual({ create: 8, update: 1, delete: 4, 'no-change': 13, skip: 0 });
    expect(local.leftover).toBe(false);
    expect(sqlite).toEqual(local);
  });
});
