import type { StoreOptions } from '@diffsync/core';

/** Options of `new SqliteStore(...)`. */
export interface SqliteStoreOptions extends StoreOptions {
  /** Database file; `':memory:'` (the default) keeps the data in this process only. */
  filename?: string;
  /** Names this store's objects inside the file; stores with the same id share them. Defaults to a random UUID. */
  storeId?: string;
  /** How long a write waits for another connection's write transaction before failing (default 5000 ms). */
  busyTimeoutMs?: number;
}
