import { DiffSyncFlags, DiffSyncModelFlags, InvalidArgumentError, ObjectNotCreated } from '../src';
import type { BackendData } from './fixtures/backends';
import { BackendA, BackendB, hookControl } from './fixtures/backends';

/** One site holding `n` devices (with `interfaces` interfaces each). */
function bigSite(n: number, interfaces = 0): BackendData {
  const devices: BackendData[string]['devices'] = {};
  for (let i = 0; i < n; i++) {
    const intfs: Record<string, string> = {};
    for (let j = 0; j < interfaces; j++) intfs[`eth${j}`] = `port ${j}`;
    devices[`dev${String(i).padStart(3, '0')}`] = { role: 'leaf', interfaces: intfs };
  }
  return { big: { devices } };
}

async function pair(dstData: BackendData, srcData: BackendData) {
  const a = new BackendA({ data: dstData });
  const b = new BackendB({ data: srcData });
  await a.load();
  await b.load();
  return { a, b };
}

/** Index of a log line, failing loudly when it is missing. */
function at(log: string[], line: string): number {
  const i = log.indexOf(line);
  if (i < 0) throw new Error(`hook log has no "${line}"`);
  return i;
}

describe('concurrency', () => {
  it.each([
    [10, 10],
    [1, 1],
  ])('100 independent creates awaiting a 20 ms timer with concurrency %i: %i hooks in flight at most', async (concurrency, expected) => {
    const { a, b } = await pair({ big: { devices: {} } }, bigSite(100));
    a.hooks = hookControl(20);
    const diff = await a.syncFrom(b, { concurrency });
    expect(diff.summary().create).toBe(100);
    expect(a.hooks.maxInFlight).toBe(expected);
    expect(a.hooks.inFlight).toBe(0);
    expect(await a.count('device')).toBe(100);
    expect((await a.diffFrom(b)).hasDiffs()).toBe(false);
  });

  it('every child create starts after its parent create finished', async () => {
    const { a, b } = await pair({}, { ...bigSite(12, 3), other: { devices: { solo: { role: 'x', interfaces: { eth0: 'y' } } } } });
    a.hooks = hookControl(2);
    await a.syncFrom(b, { concurrency: 8 });
    const log = a.hooks.log;
    expect(a.hooks.maxInFlight).toBeGreaterThan(1);
    expect(at(log, 'start create device dev000')).toBeGreaterThan(at(log, 'end create site big'));
    for (let i = 0; i < 12; i++) {
      const dev = `dev${String(i).padStart(3, '0')}`;
      expect(at(log, `start create device ${dev}`)).toBeGreaterThan(at(log, 'end create site big'));
      for (let j = 0; j < 3; j++) {
        expect(at(log, `start create interface ${dev}__eth${j}`)).toBeGreaterThan(at(log, `end create device ${dev}`));
      }
    }
    expect(at(log, 'start create interface solo__eth0')).toBeGreaterThan(at(log, 'end create device solo'));
    expect((await a.diffFrom(b)).hasDiffs()).toBe(false);
    expect((await a.get('site', 'big')).toDict()).toMatchObject({ name: 'big' });
  });

  it('NATURAL_DELETION_ORDER: every child deletion finishes before the parent delete starts', async () => {
    const { a, b } = await pair(bigSite(10, 4), {});
    (await a.get('site', 'big')).modelFlags = DiffSyncModelFlags.NATURAL_DELETION_ORDER;
    for (const device of await a.getAll('device')) device.modelFlags = DiffSyncModelFlags.NATURAL_DELETION_ORDER;
    a.hooks = hookControl(2);
    await a.syncFrom(b, { concurrency: 5 });
    const log = a.hooks.log;
    expect(a.hooks.maxInFlight).toBeGreaterThan(1);
    const siteStart = at(log, 'start delete site big');
    for (let i = 0; i < 10; i++) {
      const dev = `dev${String(i).padStart(3, '0')}`;
      const devStart = at(log, `start delete device ${dev}`);
      expect(at(log, `end delete device ${dev}`)).toBeLessThan(siteStart);
      for (let j = 0; j < 4; j++) expect(at(log, `end delete interface ${dev}__eth${j}`)).toBeLessThan(devStart);
    }
    expect(await a.count()).toBe(0);
  });

  it('default deletion order with concurrency: the parent is deleted before its children', async () => {
    const { a, b } = await pair(bigSite(6, 2), {});
    a.hooks = hookControl(2);
    await a.syncFrom(b, { concurrency: 4 });
    const log = a.hooks.log;
    const siteEnd = at(log, 'end delete site big');
    for (let i = 0; i < 6; i++) {
      const dev = `dev${String(i).padStart(3, '0')}`;
      expect(at(log, `start delete device ${dev}`)).toBeGreaterThan(siteEnd);
      for (let j = 0; j < 2; j++) expect(at(log, `start delete interface ${dev}__eth${j}`)).toBeGreaterThan(at(log, `end delete device ${dev}`));
    }
    expect(await a.count()).toBe(0);
  });

  it('a failing hook stops the sync only after the hooks already in flight have finished', async () => {
    const { a, b } = await pair({ big: { devices: {} } }, bigSite(20));
    a.hooks = hookControl(5, (_action, _type, uid) => (uid === 'dev002' ? new Error('api down') : undefined));
    await expect(a.syncFrom(b, { concurrency: 4 })).rejects.toThrow('api down');
    // nothing keeps running behind the caller's back once syncFrom has settled
    expect(a.hooks.inFlight).toBe(0);
    const started = a.hooks.log.filter((l) => l.startsWith('start')).length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(a.hooks.log.filter((l) => l.startsWith('start')).length).toBe(started);
    expect(started).toBeLessThan(20); // no new work was handed out after the failure
  });

  it('CONTINUE_ON_FAILURE with concurrency: only the failed elements are left out', async () => {
    const { a, b } = await pair({ big: { devices: {} } }, bigSite(20, 1));
    a.hooks = hookControl(2, (action, type, uid) =>
      action === 'create' && type === 'device' && ['dev003', 'dev011'].includes(uid) ? new ObjectNotCreated(`${uid} refused`) : undefined,
    );
    await a.syncFrom(b, { concurrency: 6, flags: DiffSyncFlags.CONTINUE_ON_FAILURE });
    expect(await a.count('device')).toBe(18);
    expect(await a.count('interface')).toBe(18);
    expect(await a.getOrNone('interface', 'dev003__eth0')).toBeNull();
  });

  it('concurrency must be a positive integer', async () => {
    const { a, b } = await pair({}, {});
    await expect(a.syncFrom(b, { concurrency: 0 })).rejects.toThrow(InvalidArgumentError);
    await expect(a.syncFrom(b, { concurrency: 1.5 })).rejects.toThrow('concurrency must be a positive integer, got 1.5.');
  });
});

describe('concurrency and children order', () => {
  it('created children join the parent in diff order, whatever order their hooks finish in', async () => {
    const { a, b } = await pair({ big: { devices: {} } }, bigSite(8));
    const control = hookControl(1);
    // Each hook reads delayMs twice; the delays shrink call after call, so later hooks finish first.
    let call = 0;
    Object.defineProperty(control, 'delayMs', { get: () => Math.max(1, 60 - 3 * call++) });
    a.hooks = control;
    await a.syncFrom(b, { concurrency: 8 });
    const ends = control.log.filter((l) => l.startsWith('end create device'));
    const inDiffOrder = Array.from({ length: 8 }, (_, i) => `end create device dev${String(i).padStart(3, '0')}`);
    expect(ends).toHaveLength(8);
    expect(ends).not.toEqual(inDiffOrder); // the hooks really finished out of order
    const site = await a.get('site', 'big');
    expect((site as unknown as { devices: string[] }).devices).toEqual(Array.from({ length: 8 }, (_, i) => `dev${String(i).padStart(3, '0')}`));
  });
});
