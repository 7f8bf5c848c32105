import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@diffsync/sql';
import { SyncQueue } from '@diffsync/queue';
import { main, runDistributedSync } from '../src';
import { postgresUrl, redisUrl, uniqueId } from '../../../test-support/services';

const perSite = 1 + 5 * 9; // round 1: a site, 5 devices, 8 interfaces each

async function obliterate(name: string): Promise<void> {
  const queue = new SyncQueue({ name, connection: redisUrl() });
  await queue.obliterate();
  await queue.close();
}

describe('distributed-sync example', () => {
  it('syncs the generated network into SQLite with 2 worker processes, then follows round 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'diffsync-distributed-'));
    const url = `sqlite:${join(dir, 'inventory.db')}`;
    const queue = uniqueId('example');
    try {
      const lines: string[] = [];
      const first = await main(
        ['node', 'distributed-sync', '--url', url, '--redis', redisUrl(), '--queue', queue, '--workers', '2', '--partitions', '6', '--sites', '60'],
        (l) => lines.push(l),
      );
      expect(first.workers).toHaveLength(2);
      expect(new Set([...first.workers, process.pid]).size).toBe(3);
      expect(first.run.failed).toEqual([]);
      expect(first.run.partitions.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(first.run.summary).toEqual({ create: 60 * perSite, update: 0, delete: 0, 'no-change': 0, skip: 0 });
      expect(first.remaining).toBe('(no diffs)');
      expect(lines).toContain(`Synced: ${JSON.stringify(first.run.summary)}`);
      expect(lines).toContain('Left after the sync: (no diffs)');

      const second = await runDistributedSync({
        url,
        redis: redisUrl(),
        queue,
        workers: 2,
        partitions: 4,
        shape: { sites: 60, round: 2 },
        print: () => undefined,
      });
      expect(second.run.failed).toEqual([]);
      expect(second.run.summary.update).toBeGreaterThan(0);
      expect(second.run.summary.create).toBeGreaterThan(0);
      expect(second.run.summary.delete).toBeGreaterThan(0);
      expect(second.remaining).toBe('(no diffs)');
    } finally {
      await obliterate(queue);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120000);

  it('syncs into PostgreSQL (a schema of its own)', async () => {
    const schema = uniqueId('distributed').toLowerCase();
    const queue = uniqueId('example');
    const admin = await connect(postgresUrl());
    await admin.execute(`CREATE SCHEMA "${schema}"`);
    try {
      const result = await runDistributedSync({
        url: `${postgresUrl()}?schema=${schema}`,
        redis: redisUrl(),
        queue,
        workers: 2,
        concurrency: 2,
        partitions: 8,
        shape: { sites: 40 },
        print: () => undefined,
      });
      expect(result.run.summary.create).toBe(40 * perSite);
      expect(result.remaining).toBe('(no diffs)');
    } finally {
      await obliterate(queue);
      await admin.execute(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.close();
    }
  }, 120000);

  it('fails with one line naming the Redis URL (password hidden) before starting any worker', async () => {
    const lines: string[] = [];
    const run = main(['node', 'distributed-sync', '--url', 'sqlite::memory:', '--redis', 'redis://:secret@127.0.0.1:1', '--workers', '2'], (l) =>
      lines.push(l),
    );
    await expect(run).rejects.toThrow(/^Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1 is unreachable \(connect ECONNREFUSED/);
    expect(lines.some((l) => l.startsWith('Workers:'))).toBe(false);
  });
});
