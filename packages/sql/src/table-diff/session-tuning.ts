import type { Session } from '../session/session';

/**
 * Session settings a table diff applies to its connections while it runs, and restores
 * afterwards (a connection the caller passed in is left as it was found).
 *
 * - PostgreSQL: `work_mem` is raised to 64 MB when lower, so the per-bucket GROUP BY of
 *   tens of thousands of buckets stays in memory instead of spilling to disk in batches;
 *   and, unless `serverParallel` is set, `max_parallel_workers_per_gather` is 0. The diff
 *   parallelises by itself (`threads` connections per side, on both sides alike); the
 *   server's own parallel workers on top of that only take the cores the other side needs
 *   when both databases share a machine, which made the diff slower, not faster.
 * - MariaDB: `tmp_table_size` / `max_heap_table_size` are raised to 64 MB when lower, so
 *   the GROUP BY's temporary table stays in memory.
 * - SQLite: nothing (it runs in this process).
 */
export interface SessionTuningOptions {
  /** Keep PostgreSQL's parallel query workers for the checksum queries (default false). */
  serverParallel?: boolean;
}

const MEMORY_BYTES = 64 * 1024 * 1024;

interface Setting {
  readonly name: string;
  readonly value: string;
}

/** Applies the settings to one connection; resolves to a function restoring what was there before. */
export async function tuneSession(conn: Session, options: SessionTuningOptions): Promise<() => Promise<void>> {
  if (conn.dialect === 'postgresql') return tunePostgres(conn, options);
  if (conn.dialect === 'mysql') return tuneMariaDb(conn);
  return () => Promise.resolve();
}

async function tunePostgres(conn: Session, options: SessionTuningOptions): Promise<() => Promise<void>> {
  const rows = await conn.query<{ work_mem: string; work_mem_bytes: string; workers: string }>(
    `SELECT current_setting('work_mem') AS work_mem, pg_size_bytes(current_setting('work_mem'))::text AS work_mem_bytes, ` +
      `current_setting('max_parallel_workers_per_gather') AS workers`,
  );
  const before = rows[0];
  const changed: Setting[] = [];
  if (Number(before.work_mem_bytes) < MEMORY_BYTES) {
    await conn.query(`SELECT set_config('work_mem', $1, false)`, [`${MEMORY_BYTES / 1024}kB`]);
    changed.push({ name: 'work_mem', value: before.work_mem });
  }
  if (!options.serverParallel && before.workers !== '0') {
    await conn.query(`SELECT set_config('max_parallel_workers_per_gather', '0', false)`);
    changed.push({ name: 'max_parallel_workers_per_gather', value: before.workers });
  }
  return async () => {
    for (const s of changed) await conn.query(`SELECT set_config($1, $2, false)`, [s.name, s.value]);
  };
}

async function tuneMariaDb(conn: Session): Promise<() => Promise<void>> {
  const rows = await conn.query<{ tmp: unknown; heap: unknown }>(`SELECT @@SESSION.tmp_table_size AS tmp, @@SESSION.max_heap_table_size AS heap`);
  const tmp = Number(rows[0].tmp);
  const heap = Number(rows[0].heap);
  const changed: Setting[] = [];
  if (heap < MEMORY_BYTES) {
    await conn.execute(`SET SESSION max_heap_table_size = ${MEMORY_BYTES}`);
    changed.push({ name: 'max_heap_table_size', value: String(heap) });
  }
  if (tmp < MEMORY_BYTES) {
    await conn.execute(`SET SESSION tmp_table_size = ${MEMORY_BYTES}`);
    changed.push({ name: 'tmp_table_size', value: String(tmp) });
  }
  return async () => {
    for (const s of changed) await conn.execute(`SET SESSION ${s.name} = ${Number(s.value)}`);
  };
}
