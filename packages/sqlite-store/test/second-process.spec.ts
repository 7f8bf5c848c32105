import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { SqliteStore } from '@diffsync/sqlite-store';
import { Device, InventoryAdapter, Site } from './models';
import { tempFolder } from './temp-files';

const temp = tempFolder('process');
afterAll(() => temp.cleanup());

function inChildProcess(script: string, ...args: string[]): string {
  return execFileSync(process.execPath, [join(__dirname, 'fixtures', script), ...args], { encoding: 'utf8' });
}

describe('SqliteStore across processes', () => {
  it('lets another process read what was committed, and only that', async () => {
    const filename = temp.file('shared.sqlite');
    const a = new InventoryAdapter({ store: new SqliteStore({ filename, storeId: 'inv' }) });
    await a.loadInventory({ ams: { r1: { role: 'spine', interfaces: { eth0: 'uplink' } } } });
    expect(JSON.parse(inChildProcess('read-rows.js', filename, 'inv'))).toEqual([]); // buffered until flush
    await a.flush();
    expect(JSON.parse(inChildProcess('read-rows.js', filename, 'inv'))).toEqual([
      { model: 'site', uid: 'ams', data: { name: 'ams', region: 'eu', devices: ['r1'] } },
      { model: 'device', uid: 'r1', data: { name: 'r1', siteName: 'ams', role: 'spine', interfaces: ['r1__eth0'] } },
      { model: 'interface', uid: 'r1__eth0', data: { deviceName: 'r1', name: 'eth0', description: 'uplink' } },
    ]);
    (await a.get(Site, 'ams')).region = 'us';
    const regionSeen = () => (JSON.parse(inChildProcess('read-rows.js', filename, 'inv')) as Array<{ data: { region?: string } }>)[0]?.data.region;
    expect(regionSeen()).toBe('eu');
    await a.flush();
    expect(regionSeen()).toBe('us');
    await a.store.close();
  });

  it('sees objects another process committed to the same storeId', async () => {
    const filename = temp.file('written-elsewhere.sqlite');
    const a = new InventoryAdapter({ store: new SqliteStore({ filename, storeId: 'inv' }) });
    await a.add(new Site({ name: 'ams' }));
    await a.flush();
    inChildProcess('write-row.js', filename, 'inv', 'device', 'r9', JSON.stringify({ name: 'r9', role: 'edge', interfaces: [] }));
    const r9 = await a.get(Device, 'r9');
    expect(r9).toBeInstanceOf(Device);
    expect(r9.role).toBe('edge');
    expect(await a.count()).toBe(2);
    expect([...(await a.getAllModelNames())]).toEqual(['site', 'device']);
    await a.store.close();
  });
});
