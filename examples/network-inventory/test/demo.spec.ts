import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { BackendA, BackendB, BackendC, runDemo } from '@diffsync/example-network-inventory';

describe('network-inventory example', () => {
  it('diffs A→B like diffsync example 01, syncs, and leaves no diffs', async () => {
    const lines: string[] = [];
    const result = await runDemo({ print: (l) => lines.push(l) });
    expect(result.summaryBefore).toEqual({ create: 1, update: 1, delete: 7, 'no-change': 13, skip: 0 });
    expect(result.diffText).toContain('description    Backend-A(Interface 0)    Backend-B(Interface 0/0)');
    expect(result.diffText).toContain('interface: eth2 MISSING in Backend-B');
    expect(result.diffText).toContain('site: atl MISSING in Backend-A');
    expect(result.diffAfterSync).toBe('(no diffs)');
    expect(lines).toContain('Initializing and loading Backend A "Backend-A"...');
  });

  it('loads the three bundled inventories', async () => {
    const counts = [];
    for (const Backend of [BackendA, BackendB, BackendC]) {
      const adapter = new Backend();
      await adapter.load();
      counts.push([await adapter.count('site'), await adapter.count('device'), await adapter.count('interface')]);
    }
    expect(counts).toEqual([
      [2, 4, 9],
      [3, 6, 12],
      [2, 4, 9],
    ]);
  });

  it('runs as a program (the README demo command) with -v logging', () => {
    const root = join(__dirname, '..', '..', '..');
    execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-b', 'examples/network-inventory'], { cwd: root });
    const out = execFileSync(process.execPath, [join(__dirname, '..', 'dist', 'main.js'), '-v'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(out).toContain('Summary: {"create":1,"update":1,"delete":7,"no-change":13,"skip":0}');
    expect(out.trimEnd().endsWith('(no diffs)')).toBe(true);
  }, 120000);
});
