import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA_DIR, main } from '../src/main';

describe('ip-prefixes example (diffsync 06)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ip-prefixes-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('diffs IPAM A to IPAM B as Python diffsync does, and B’s file converges', async () => {
    const bundled = readFileSync(join(DATA_DIR, 'ipam-b.json'), 'utf8');
    const { diff, written, after } = await main({ dir, print: () => undefined });
    // Python diffsync, same data: 10.10.10.10/24 differs in vrf and vlan (tenant is None on
    // both sides), 10.20.20.20/24 and 172.18.0.0/16 exist only in A, 2001:DB8::/32 only in B.
    expect(diff.summary()).toEqual({ create: 2, update: 1, delete: 1, 'no-change': 0, skip: 0 });
    expect(diff.toDict()).toEqual({
      prefix: {
        '10.10.10.10/24': { '-': { vrf: 'voice', vlanId: 123 }, '+': { vrf: 'data', vlanId: 10 } },
        '10.20.20.20/24': { '+': { vrf: 'voice', vlanId: 20, tenant: 'ABC corp' } },
        '172.18.0.0/16': { '+': { vrf: null, vlanId: 18, tenant: null } },
        '2001:DB8::/32': { '-': { vrf: 'data', vlanId: 10, tenant: 'XYZ Corporation' } },
      },
    });
    expect(written).toEqual([
      { network: '10.10.10.10', prefix_length: 24, tenant: null, vlan_id: 10, vrf: 'data' },
      { network: '10.20.20.20', prefix_length: 24, vrf: 'voice', vlan_id: 20, tenant: 'ABC corp' },
      { network: '172.18.0.0', prefix_length: 16, vrf: null, vlan_id: 18, tenant: null },
    ]);
    expect(after.hasDiffs()).toBe(false);
    expect(readFileSync(join(__dirname, '..', 'README.md'), 'utf8')).toContain(`\`\`\`text\n${diff.str()}\n\`\`\``);
    expect(readFileSync(join(DATA_DIR, 'ipam-b.json'), 'utf8')).toBe(bundled); // the run used copies
  });
});
