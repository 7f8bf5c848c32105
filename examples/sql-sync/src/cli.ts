import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, InvalidArgumentError as CommanderArgumentError } from 'commander';
import { createConsoleLogger, silentLogger } from '@diffsync/core';
import type { BackendName, SqlSyncResult } from './sql-sync';
import { BACKENDS, runSqlSync } from './sql-sync';

/** The default database: a SQLite file in the OS temp folder, so a second run finds the first one's rows. */
export const DEFAULT_URL = `sqlite:${join(tmpdir(), 'diffsync-sql-sync.db')}`;

function backendName(value: string): BackendName {
  const name = value.toLowerCase();
  if (!(name in BACKENDS)) throw new CommanderArgumentError(`expected one of ${Object.keys(BACKENDS).join(', ')}.`);
  return name as BackendName;
}

/** Parses `argv` (as `process.argv`) and runs the example; resolves to its result. */
export async function main(argv: readonly string[], print?: (line: string) => void): Promise<SqlSyncResult> {
  const program = new Command()
    .name('sql-sync')
    .description('Sync the network inventory into SQLite, PostgreSQL or MariaDB with @diffsync/sql.')
    .option('-u, --url <url>', 'database URL: sqlite:file.db, sqlite::memory:, postgresql://…, mysql://…', DEFAULT_URL)
    .option('-b, --backend <name>', 'bundled inventory to sync from: a, b or c', backendName, 'a' as BackendName)
    .option('-v, --verbose', 'log info (-v) or debug (-vv) events to stderr', (_v: string, n: number) => n + 1, 0)
    .exitOverride()
    .parse([...argv]);
  const opts = program.opts<{ url: string; backend: BackendName; verbose: number }>();
  const verbosity = Math.min(opts.verbose, 2) as 0 | 1 | 2;
  return runSqlSync({
    url: opts.url,
    backend: opts.backend,
    print,
    logger: verbosity > 0 ? createConsoleLogger(verbosity) : silentLogger,
  });
}
