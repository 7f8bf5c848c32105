import { inspect } from 'node:util';
import { Adapter, Children, DiffSyncFlags, DiffSyncModel, Model, SyncLogger } from '@diffsync/core';
import { BackendA, BackendB, BackendC, Device, Interface, Site } from '@diffsync/example-network-inventory';
import { Column, Connection, QueryError, SqlAdapter } from '@diffsync/sql';
import { DIALECTS, withDatabase } from './support';

// The example's models, with the foreign keys that let SqlAdapter rebuild the tree.
@Model('site')
class SqlSite extends Site {
  @Children('device', { foreignKey: ['siteName'] }) declare devices: string[];
}

@Model('device')
class SqlDevice extends Device {
  @Children('interface', { foreignKey: ['deviceName'] }) declare interfaces: string[];
}

@Model({ name: 'interface', shortname: ['name'] })
class SqlInterface extends Interface {}
Column({ type: 'text', nullable: true })(SqlInterface.prototype, 'description');

class InventoryDb extends SqlAdapter {
  static override models = [SqlSite, SqlDevice, SqlInterface];
  static override topLevel = ['site'];
}

class InMemoryTarget extends Adapter {
  static override models = [Site, Device, Interface];
  static override topLevel = ['site'];
}

/** A log meta value as text: strings (the model, uid and status) as they are. */
function text(value: unknown): string {
  return value === undefined ? '' : typeof value === 'string' ? value : inspect(value);
}

function recordingLogger(lines: string[]): SyncLogger {
  const log = (level: string) => (message: string, meta?: Record<string, unknown>) => {
    lines.push(`${level} ${message} ${text(meta?.model)} ${text(meta?.uniqueId)} ${text(meta?.status)}`);
  };
  return { error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug') };
}

async function loaded<A extends Adapter>(adapter: A): Promise<A> {
  await adapter.load();
  return adapter;
}

async function freshDb(db: Connection, logger?: SyncLogger): Promise<InventoryDb> {
  return loaded(new InventoryDb({ connection: db, logger, name: 'target' }));
}

describe.each(DIALECTS)('SqlAdapter on %s', (dialect) => {
  it('syncs the network inventory into the tables and re-diffs empty', async () => {
    await withDatabase(dialect, async (db) => {
      await db.syncSchema(InventoryDb.models);
      const a = await loaded(new BackendA());
      const target = await freshDb(db);
      const first = await target.syncFrom(a);
      expect(first.summary().create).toBeGreaterThan(0);
      expect(await db.select(SqlInterface)).toHaveLength(await a.count('interface'));

      const reloaded = await freshDb(db);
      expect((await reloaded.diffFrom(a)).hasDiffs()).toBe(false);
      expect(await reloaded.str()).toBe(await a.str());

      // B updates, creates and deletes at every level.
      const b = await loaded(new BackendB());
      const second = await reloaded.syncFrom(b);
      const summary = second.summary();
      expect(summary.update + summary.delete + summary.create).toBeGreaterThan(0);
      const again = await freshDb(db);
      expect((await again.diffFrom(b)).hasDiffs()).toBe(false);
      const c = await loaded(new BackendC());
      await again.syncFrom(c);
      expect((await (await freshDb(db)).diffFrom(c)).hasDiffs()).toBe(false);
    });
  });

  it('reports the same statuses, logs and progress as the per-object path', async () => {
    await withDatabase(dialect, async (db) => {
      await db.syncSchema(InventoryDb.models);
      const a = await loaded(new BackendA());
      await (await freshDb(db)).syncFrom(a);
      const b = await loaded(new BackendB());

      const memLines: string[] = [];
      const memory = new InMemoryTarget({ logger: recordingLogger(memLines), name: 'target' });
      await memory.syncFrom(a);
      memLines.length = 0;
      const memProgress: string[] = [];
      const memDiff = await memory.syncFrom(b, {
        flags: DiffSyncFlags.LOG_UNCHANGED_RECORDS,
        callback: (stage, current, total) => memProgress.push(`${stage} ${current}/${total}`),
      });

      const sqlLines: string[] = [];
      const sql = await freshDb(db, recordingLogger(sqlLines));
      const sqlProgress: string[] = [];
      const sqlDiff = await sql.syncFrom(b, {
        flags: DiffSyncFlags.LOG_UNCHANGED_RECORDS,
        callback: (stage, current, total) => sqlProgress.push(`${stage} ${current}/${total}`),
      });
      expect(sqlDiff.summary()).toEqual(memDiff.summary());
      expect(sqlDiff.str()).toBe(memDiff.str());
      expect(sqlLines).toEqual(memLines);
      expect(sqlProgress).toEqual(memProgress);
    });
  });

  it('writes nothing when the sync fails part-way', async () => {
    await withDatabase(dialect, async (db) => {
      await db.syncSchema(InventoryDb.models);
      const a = await loaded(new BackendA());
      await (await freshDb(db)).syncFrom(a);
      const snapshot = async () => ({
        sites: (await db.select(SqlSite)).map((x) => x.toDict()),
        devices: (await db.select(SqlDevice)).map((x) => x.toDict()),
        interfaces: (await db.select(SqlInterface)).map((x) => x.toDict()),
      });
      const before = await snapshot();
      // Interfaces are written last: refuse one of B's interface descriptions in the database.
      const q = (n: string) => db.sqlDialect.quoteIdentifier(n);
      if (dialect === 'sqlite') {
        await db.execute(
          `CREATE TRIGGER no_bad BEFORE UPDATE ON ${q('interface')} WHEN NEW.${q('description')} = 'Interface 0/0' BEGIN SELECT RAISE(ABORT, 'refused by trigger'); END`,
        );
      } else {
        await db.execute(`ALTER TABLE ${q('interface')} ADD CONSTRAINT no_bad CHECK (${q('description')} <> 'Interface 0/0')`);
      }
      const target = await freshDb(db);
      await expect(target.syncFrom(await loaded(new BackendB()))).rejects.toThrow(QueryError);
      expect(await snapshot()).toEqual(before);
      expect((await (await freshDb(db)).diffFrom(a)).hasDiffs()).toBe(false);
    });
  });

  it('keeps the per-object calls of a model with its own hooks (one that also writes its own row is harmless)', async () => {
    await withDatabase(dialect, async (db) => {
      const calls: string[] = [];
      @Model('site')
      class HookedSite extends SqlSite {
        static override create(adapter: Adapter, ids: Record<string, unknown>, attrs: Record<string, unknown>) {
          calls.push(`create ${String(ids.name)}`);
          const model = super.create(adapter, ids, attrs) as DiffSyncModel;
          return (adapter as SqlAdapter).connection.insert(HookedSite, [model]).then(() => model);
        }
      }
      class HookedDb extends SqlAdapter {
        static override models = [HookedSite, SqlDevice, SqlInterface];
        static override topLevel = ['site'];
      }
      await db.syncSchema(HookedDb.models);
      const target = await loaded(new HookedDb({ connection: db }));
      await target.syncFrom(await loaded(new BackendA()));
      expect(calls.length).toBe(await (await loaded(new BackendA())).count('site'));
      const again = await loaded(new HookedDb({ connection: db }));
      expect((await again.diffFrom(await loaded(new BackendA()))).hasDiffs()).toBe(false);
    });
  });
});
