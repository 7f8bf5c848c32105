import { main, REMOTE_SEED, RemoteAdapter, startRegionApi } from '../src/main';

describe('remote-system example (diffsync 03)', () => {
  it('syncs the local file into the remote API with Python diffsync’s counts, and converges', async () => {
    const lines: string[] = [];
    const { diff, after, records } = await main({ print: (line) => lines.push(line) });
    // Python diffsync, same data and SKIP_UNMATCHED_DST: regions africa and asia are created with
    // their country (seychelles, brunei); americas gets falkland-islands and montserrat, europe
    // san-marino and monaco, oceania niue (9 creates); gibraltar's population 33000 becomes 33698
    // (1 update); americas, europe, oceania, vatican-city and tokelau match (5 no-change); the
    // remote-only antarctica and atlantis are skipped, not deleted (2 skip).
    expect(diff.summary()).toEqual({ create: 9, update: 1, delete: 0, 'no-change': 5, skip: 2 });
    expect(
      diff
        .str()
        .split('\n')
        .filter((l) => /^ {2}region: /.test(l)),
    ).toEqual(['  region: africa MISSING in Remote', '  region: americas', '  region: asia MISSING in Remote', '  region: europe', '  region: oceania']);
    expect(diff.str()).toContain('population    Local(33698)    Remote(33000)');
    expect(after.summary()).toEqual({ create: 0, update: 0, delete: 0, 'no-change': 15, skip: 2 });
    expect(lines[lines.length - 1]).toBe('(no diffs)');

    // The remote system holds what the hooks sent it: 4 + 2 regions, 4 + 7 countries.
    const bySlug = new Map(records.map((r) => [r.slug, r]));
    expect(records.filter((r) => r.parent === null)).toHaveLength(6);
    expect(records.filter((r) => r.parent !== null)).toHaveLength(11);
    expect(bySlug.get('gibraltar')?.custom_fields.country_population).toBe(33698);
    expect(bySlug.get('brunei')?.parent?.slug).toBe('asia');
    expect(bySlug.get('niue')?.custom_fields.country_population).toBe(1619);
    expect(bySlug.has('atlantis')).toBe(true);
  });

  it('serves on 127.0.0.1 on a free port, and the adapter reads what it serves', async () => {
    const [a, b] = await Promise.all([startRegionApi(REMOTE_SEED), startRegionApi([])]);
    try {
      expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
      expect(a.url).not.toBe(b.url);
      const remote = new RemoteAdapter(a.url);
      await remote.load();
      expect([await remote.count('region'), await remote.count('country')]).toEqual([4, 4]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
