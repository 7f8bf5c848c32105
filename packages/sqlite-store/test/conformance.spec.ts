import { describeStoreConformance } from '@diffsync/core/testing';
import { SqliteStore } from '@diffsync/sqlite-store';
import { tempFolder } from './temp-files';

const temp = tempFolder('conformance');
afterAll(() => temp.cleanup());

describeStoreConformance('SqliteStore (file)', () => new SqliteStore({ filename: temp.file('store.sqlite') }), {
  reopen: (store) => {
    const s = store as SqliteStore;
    return new SqliteStore({ filename: s.filename, storeId: s.storeId });
  },
});

// Several stores in one file, each with its own storeId, must not see each other's objects.
const shared = temp.file('shared.sqlite');
describeStoreConformance('SqliteStore (shared file)', () => new SqliteStore({ filename: shared }), {
  reopen: (store) => new SqliteStore({ filename: shared, storeId: (store as SqliteStore).storeId }),
});

describeStoreConformance('SqliteStore (:memory:)', () => new SqliteStore());
