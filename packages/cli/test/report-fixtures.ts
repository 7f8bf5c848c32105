import { Diff, DiffElement } from '@diffsync/core';
import type { ReportFailure } from '../src';

type Attrs = Record<string, unknown>;

function element(type: string, name: string, keys: Attrs, source: Attrs | undefined, dest: Attrs | undefined): DiffElement {
  const el = new DiffElement(type, name, keys, 'netbox', 'cmdb');
  el.addAttrs({ source, dest });
  return el;
}

/** A small inventory diff with every action, nested children and a value holding markup. */
export function smallDiff(): { diff: Diff; failures: ReportFailure[] } {
  const diff = new Diff();
  const ams = element('site', 'ams', { name: 'ams' }, { region: 'eu' }, { region: 'eu' });
  const r1 = element('device', 'r1', { site: 'ams', name: 'r1' }, { role: 'spine', note: 'core' }, { role: 'leaf', note: 'core' });
  const eth0 = element('interface', 'eth0', { device: 'r1', name: 'eth0' }, { mtu: 9000, description: 'uplink' }, { mtu: 1500, description: 'uplink' });
  const eth1 = element('interface', 'eth1', { device: 'r1', name: 'eth1' }, { mtu: 1500, description: 'to r2' }, { mtu: 1500, description: 'to r2' });
  r1.addChild(eth0);
  r1.addChild(eth1);
  const r2 = element(
    'device',
    'r2',
    { site: 'ams', name: 'r2' },
    { role: 'leaf', note: '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">' },
    undefined,
  );
  r2.addChild(element('interface', 'eth0', { device: 'r2', name: 'eth0' }, { mtu: 1500, description: 'new port' }, undefined));
  const r3 = element('device', 'r3', { site: 'ams', name: 'r3' }, undefined, { role: 'leaf', note: 'decommissioned' });
  const bad = element('device', 'bad1', { site: 'ams', name: 'bad1' }, { role: 'leaf', note: '' }, undefined);
  ams.addChild(r1);
  ams.addChild(r2);
  ams.addChild(r3);
  ams.addChild(bad);
  diff.add(ams);
  const lon = element('site', 'lon', { name: 'lon' }, { region: 'uk' }, undefined);
  lon.addChild(element('device', 'r5', { site: 'lon', name: 'r5' }, { role: 'leaf', note: 'rack 5' }, undefined));
  diff.add(lon);
  diff.add(element('site', 'par', { name: 'par' }, undefined, { region: 'fr' }));
  diff.add(element('site', 'fra', { name: 'fra' }, { region: 'de' }, { region: 'de' }));
  diff.modelsProcessed = 20;
  const failures: ReportFailure[] = [
    {
      type: 'device',
      name: 'bad1',
      keys: { site: 'ams', name: 'bad1' },
      action: 'create',
      status: 'error',
      message: 'the CMDB refused device bad1: <b>quota</b> exceeded',
    },
  ];
  return { diff, failures };
}

/**
 * About `n` elements shaped like the benchmark workload: sites of 10 devices of 8
 * interfaces; 10% of interfaces updated, 5% of devices created, 5% deleted.
 */
export function largeDiff(n: number): Diff {
  const diff = new Diff();
  const sites = Math.max(1, Math.round(n / 91));
  for (let s = 0; s < sites; s++) {
    const site = element('site', `site${s}`, { name: `site${s}` }, { region: 'eu', status: 'active' }, { region: 'eu', status: 'active' });
    for (let d = 0; d < 10; d++) {
      const roll = (s * 10 + d) % 20;
      const name = `dev${d}-s${s}`;
      const attrs = { role: d % 5 === 0 ? 'spine' : 'leaf', vendor: 'arista', osVersion: `4.${d}` };
      const dev = element('device', name, { siteName: `site${s}`, name }, roll === 1 ? undefined : attrs, roll === 0 ? undefined : attrs);
      for (let i = 0; i < 8; i++) {
        const base = { description: `port ${i} of ${name}`, mtu: 1500, enabled: true };
        const changed = roll > 1 && (s + d + i) % 10 === 0;
        const src = roll === 1 ? undefined : changed ? { ...base, description: `${base.description} (changed)` } : base;
        const dst = roll === 0 ? undefined : base;
        dev.addChild(element('interface', `eth${i}`, { deviceName: `site${s}__${name}`, name: `eth${i}` }, src, dst));
      }
      site.addChild(dev);
    }
    diff.add(site);
  }
  diff.modelsProcessed = 2 * sites * 91;
  return diff;
}
