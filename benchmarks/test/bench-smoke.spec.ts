import { runPhases } from '../src/phases';
import { makeWorkload, countRows, DEVICES_PER_SITE, INTERFACES_PER_DEVICE } from '../src/workload';
import { storeFactory } from '../src/stores';
import { manyChildren, concurrencyRun } from '../src/scenarios';

describe('benchmark harness (smoke, tiny sizes, no timing checks)', () => {
  it('builds the workload it describes', () => {
    const w = makeWorkload(2000);
    expect(makeWorkload(2000)).toEqual(w); // deterministic
    const perDevice = 1 + INTERFACES_PER_DEVICE;
    expect(w.expected.create % perDevice).toBe(0);
    expect(w.expected.delete % perDevice).toBe(0);
    const devices = w.target.length * DEVICES_PER_SITE;
    // 5% of devices only in the source, 5% only in the target
    expect(w.expected.create / perDevice).toBe(devices / 20);
    expect(w.expected.delete / perDevice).toBe(devices / 20);
    expect(w.expected.update).toBeGreaterThan(0);
    expect(Math.abs(countRows(w.source) - 2000)).toBeLessThan(100);
  });

  it('runs every phase and checks the results', async () => {
    const result = await runPhases(2000, 1, storeFactory('local').make);
    expect(result.phases.map((p) => p.phase)).toEqual(['load both', 'diffFrom', 'syncFrom', 're-diff']);
    const w = makeWorkload(2000);
    expect(result.summary).toMatchObject(w.expected);
    expect(result.summary.skip).toBe(0);
    for (const p of result.phases) expect(p.ms).toBeGreaterThan(0);
  });

  it('runs the extra scenarios', async () => {
    const many = await manyChildren(500);
    expect(many.count).toBe(500);
    expect(await concurrencyRun(20, 5)).toBeGreaterThan(0);
  });
});
