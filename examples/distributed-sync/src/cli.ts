import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, InvalidArgumentError as CommanderArgumentError } from 'commander';
import type { DistributedSyncResult } from './distributed-sync';
import { runDistributedSync } from './distributed-sync';

/** The default database: a SQLite file in the OS temp folder (no server needed). */
export const DEFAULT_URL = `sqlite:${join(tmpdir(), 'diffsync-distributed-sync.db')}`;

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CommanderArgumentError('expected a positive integer.');
  return n;
}

/** Parses `argv` (as `process.argv`) and runs the example. */
export async function main(argv: readonly string[], print?: (line: string) => void): Promise<DistributedSyncResult> {
  const program = new Command()
    .name('distributed-sync')
    .description('Sync a generated network inventory into a database with N worker processes on a BullMQ queue.')
    .option('-u, --url <url>', 'database URL: sqlite:file.db or postgresql://…[?schema=name]', DEFAULT_URL)
    .option('-r, --redis <url>', 'Redis URL of the queue', 'redis://127.0.0.1:6379')
    .option('-w, --workers <n>', 'worker processes to start', positive, 4)
    .option('-c, --concurrency <n>', 'partitions each worker runs at once', positive, 1)
    .option('-p, --partitions <n>', 'partitions of the run', positive, 16)
    .option('-s, --sites <n>', 'sites in the generated network', positive, 400)
    .option('--round <n>', 'inventory round: 1, then 2, 3, … change it', positive, 1)
    .option('-q, --queue <name>', 'queue name', 'distributed-sync')
    .exitOverride()
    .parse([...argv]);
  const o = program.opts<{
    url: string;
    redis: string;
    workers: number;
    concurrency: number;
    partitions: number;
    sites: number;
    round: number;
    queue: string;
  }>();
  return runDistributedSync({
    url: o.url,
    redis: o.redis,
    queue: o.queue,
    workers: o.workers,
    concurrency: o.concurrency,
    partitions: o.partitions,
    shape: { sites: o.sites, round: o.round },
    print,
  });
}
