import { BackendA, BackendB, Device, Interface, Site, main } from '../src/main';

describe('get-update-instantiate example (diffsync 04)', () => {
  it('diffs A to B as Python diffsync does, syncs, and leaves no diffs', async () => {
    const lines: string[] = [];
    const { diff, after } = await main((line) => lines.push(line));
    // Python diffsync, same data: nyc-spine1 eth0 changes (Interface 0 -> 0/0), sfo-spine2 eth2
    // is created, atl-spine1 (eth0, eth1, site atl) and atl-spine2 (eth0, eth1) are deleted; the
    // 4 common devices, their 7 other interfaces and the 2 sites listed under them are unchanged.
    // Device roles are plain fields: sfo-spine1's role (spine / leaf) is not compared.
    expect(diff.summary()).toEqual({ create: 1, update: 1, delete: 7, 'no-change': 13, skip: 0 });
    expect(diff.str()).toContain('description    Backend-A(Interface 0)    Backend-B(Interface 0/0)');
    expect(diff.str()).toContain('interface: eth2 MISSING in Backend-B');
    expect(diff.str()).toContain('device: atl-spine1 MISSING in Backend-A');
    expect(after.str()).toBe('(no diffs)');
    expect(lines[lines.length - 1]).toBe('(no diffs)');
  });

  it('loads each site once, under the first device at it, and each interface once', async () => {
    const a = new BackendA();
    await a.load();
    const b = new BackendB();
    await b.load();
    const counts = async (adapter: BackendA | BackendB) => [await adapter.count(Device), await adapter.count(Site), await adapter.count(Interface)];
    expect(await counts(a)).toEqual([4, 2, 9]);
    expect(await counts(b)).toEqual([6, 3, 12]);
    expect((await a.get(Device, 'nyc-spine1')).sites).toEqual(['nyc']);
    expect((await a.get(Device, 'nyc-spine2')).sites).toEqual([]);
  });
});
