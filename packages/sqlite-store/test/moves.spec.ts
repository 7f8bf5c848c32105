import { SqliteStore } from '@diffsync/sqlite-store';
import type { StoredMoveOptions, World } from '../../../test-support/move-fixtures';
import { describeStoreMoves, syncOnStores } from '../../../test-support/move-fixtures';
import { tempFolder } from './temp-files';

// Moves (an object deleted under one parent and created under another in one diff) on
// SqliteStore: the sync deletes the old copy first, and the file holds the new one.
const temp = tempFolder('moves');
afterAll(() => temp.cleanup());

function onSqlite(src: World, dst: World, options: StoredMoveOptions = {}) {
  const filename = temp.file('moves.sqlite');
  return syncOnStores(
    (side) => new SqliteStore({ filename, storeId: side }),
    (store) => new SqliteStore({ filename, storeId: (store as SqliteStore).storeId }),
    src,
    dst,
    options,
  );
}

describeStoreMoves('SqliteStore', 'the reopened file', onSqlite);
