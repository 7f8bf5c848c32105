import * as fc from 'fast-check';
import { Adapter } from '../adapter/adapter';
import { Attribute, Children, Identifier } from '../decorators/field.decorators';
import { Model } from '../decorators/model.decorator';
import { DiffSyncModel } from '../model/diffsync-model';
import { cloneValue, exactDifferences, kindsIn, ConvergenceValueKind, ValueArbitraries } from './convergence-values';

/*
 * Three levels, composite identifiers, one attribute per supported value type. Types are
 * declared without `| null` (which would make the emitted design type Object, and the
 * codec would then not know a Date field), though the suite stores null in them too.
 */

@Model('convergence_region')
export class CvRegion extends DiffSyncModel {
  @Identifier() code!: string;
  @Attribute() label!: string;
  @Attribute() founded!: Date;
  @Attribute() settings!: unknown;
  @Children('convergence_host') hosts!: string[];
}

@Model('convergence_host')
export class CvHost extends DiffSyncModel {
  @Identifier() region!: string;
  @Identifier() name!: string;
  @Attribute() weight!: number;
  @Attribute() enabled!: boolean;
  @Attribute() seen!: Date;
  @Attribute() note!: string;
  @Attribute() tags!: unknown[];
  @Attribute() config!: unknown;
  @Children('convergence_port') ports!: string[];
}

@Model('convergence_port')
export class CvPort extends DiffSyncModel {
  @Identifier() host!: string;
  @Identifier() slot!: number;
  @Attribute() speed!: number;
  @Attribute() counter!: bigint;
  @Attribute() value!: unknown;
}

export class CvAdapter extends Adapter {
  static override models = [CvRegion, CvHost, CvPort];
  static override topLevel = ['convergence_region'];
}

export type Attrs = Record<string, unknown>;
export interface HostData {
  attrs: Attrs;
  ports: Map<number, Attrs>;
}
export interface RegionData {
  attrs: Attrs;
  hosts: Map<string, HostData>;
}
/** A whole tree: regions by code, hosts by name, ports by slot. */
export type Dataset = Map<string, RegionData>;

const REGION_CODES = ['ams', 'fra', 'Zürich', '東京', '😀 x'];
const HOST_NAMES = ['r1', 'r2', 'sw 3', 'ü', '𝄞'];
const SLOTS = [0, 1, 2, 10, -1];

export interface DataArbitraries {
  dataset: fc.Arbitrary<Dataset>;
  edits: fc.Arbitrary<Edit[]>;
}

function attrArbitraries(v: ValueArbitraries) {
  const orNull = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 5 });
  const region = fc.record({ label: orNull(v.string), founded: orNull(v.date), settings: v.json });
  const host = fc.record({
    weight: v.number,
    enabled: fc.boolean(),
    seen: orNull(v.date),
    note: orNull(v.string),
    tags: v.list,
    config: v.jsonObject,
  });
  const port = fc.record({ speed: orNull(v.number), counter: v.bigint, value: v.json });
  return { region, host, port };
}

type Arbs = ReturnType<typeof attrArbitraries>;

function portsArb(a: Arbs): fc.Arbitrary<Map<number, Attrs>> {
  return fc.uniqueArray(fc.tuple(fc.constantFrom(...SLOTS), a.port), { maxLength: 3, selector: ([s]) => s }).map((e) => new Map(e));
}

function hostArb(a: Arbs): fc.Arbitrary<HostData> {
  return fc.record({ attrs: a.host, ports: portsArb(a) });
}

function regionArb(a: Arbs): fc.Arbitrary<RegionData> {
  return fc.record({
    attrs: a.region,
    hosts: fc.uniqueArray(fc.tuple(fc.constantFrom(...HOST_NAMES), hostArb(a)), { maxLength: 3, selector: ([n]) => n }).map((e) => new Map(e)),
  });
}

/** One change to a tree; `pick`s choose an existing node (modulo the count), names a new one. */
export type Edit =
  | { kind: 'create region'; code: string; data: RegionData }
  | { kind: 'create host'; pick: number; name: string; data: HostData }
  | { kind: 'create port'; pick: number; slot: number; attrs: Attrs }
  | { kind: 'update region'; pick: number; attrs: Attrs }
  | { kind: 'update host'; pick: number; attrs: Attrs }
  | { kind: 'update port'; pick: number; attrs: Attrs }
  | { kind: 'delete region'; pick: number }
  | { kind: 'delete host'; pick: number }
  | { kind: 'delete port'; pick: number }
  | { kind: 'move host'; pick: number; to: number }
  | { kind: 'move port'; pick: number; to: number };

/** Arbitraries of trees built from `values` (for the first state) and of edits built from `editValues`. */
export function dataArbitraries(values: ValueArbitraries, editValues: ValueArbitraries): DataArbitraries {
  const a = attrArbitraries(values);
  const e = attrArbitraries(editValues);
  const dataset = fc
    .uniqueArray(fc.tuple(fc.constantFrom(...REGION_CODES), regionArb(a)), { maxLength: 4, selector: ([c]) => c })
    .map((entries) => new Map(entries));
  const pick = fc.nat();
  const partial = (arb: fc.Arbitrary<Record<string, unknown>>) =>
    arb.chain((full) => fc.subarray(Object.keys(full), { minLength: 1 }).map((keys) => Object.fromEntries(keys.map((k) => [k, full[k]]))));
  const edit: fc.Arbitrary<Edit> = fc.oneof(
    fc.record({ kind: fc.constant('create region' as const), code: fc.constantFrom(...REGION_CODES), data: regionArb(e) }),
    fc.record({ kind: fc.constant('create host' as const), pick, name: fc.constantFrom(...HOST_NAMES), data: hostArb(e) }),
    fc.record({ kind: fc.constant('create port' as const), pick, slot: fc.constantFrom(...SLOTS), attrs: e.port }),
    fc.record({ kind: fc.constant('update region' as const), pick, attrs: partial(e.region) }),
    fc.record({ kind: fc.constant('update host' as const), pick, attrs: partial(e.host) }),
    fc.record({ kind: fc.constant('update port' as const), pick, attrs: partial(e.port) }),
    fc.record({ kind: fc.constant('delete region' as const), pick }),
    fc.record({ kind: fc.constant('delete host' as const), pick }),
    fc.record({ kind: fc.constant('delete port' as const), pick }),
    fc.record({ kind: fc.constant('move host' as const), pick, to: pick }),
    fc.record({ kind: fc.constant('move port' as const), pick, to: pick }),
  );
  return { dataset, edits: fc.array(edit, { maxLength: 8 }) };
}

/* ------------------------------------------------------------------ applying edits */

export function cloneDataset(data: Dataset): Dataset {
  const out: Dataset = new Map();
  for (const [code, r] of data) {
    const hosts = new Map<string, HostData>();
    for (const [name, h] of r.hosts) hosts.set(name, { attrs: cloneValue(h.attrs), ports: new Map([...h.ports].map(([s, p]) => [s, cloneValue(p)])) });
    out.set(code, { attrs: cloneValue(r.attrs), hosts });
  }
  return out;
}

function hostsOf(data: Dataset): Array<[RegionData, string, HostData]> {
  const out: Array<[RegionData, string, HostData]> = [];
  for (const r of data.values()) for (const [name, h] of r.hosts) out.push([r, name, h]);
  return out;
}

function portsOf(data: Dataset): Array<[HostData, number, Attrs]> {
  const out: Array<[HostData, number, Attrs]> = [];
  for (const r of data.values()) for (const h of r.hosts.values()) for (const [slot, p] of h.ports) out.push([h, slot, p]);
  return out;
}

const nth = <T>(items: T[], pick: number): T | undefined => (items.length === 0 ? undefined : items[pick % items.length]);

/** `data` after `edits` (a new tree; `data` is left alone). Edits that find nothing to act on do nothing. */
export function applyEdits(data: Dataset, edits: readonly Edit[]): Dataset {
  const out = cloneDataset(data);
  for (const edit of edits) {
    switch (edit.kind) {
      case 'create region':
        out.set(edit.code, cloneDataset(new Map([[edit.code, edit.data]])).get(edit.code) as RegionData);
        break;
      case 'create host': {
        const region = nth([...out.values()], edit.pick);
        if (region)
          region.hosts.set(edit.name, { attrs: cloneValue(edit.data.attrs), ports: new Map([...edit.data.ports].map(([s, p]) => [s, cloneValue(p)])) });
        break;
      }
      case 'create port':
        nth(hostsOf(out), edit.pick)?.[2].ports.set(edit.slot, cloneValue(edit.attrs));
        break;
      case 'update region': {
        const region = nth([...out.values()], edit.pick);
        if (region) Object.assign(region.attrs, cloneValue(edit.attrs));
        break;
      }
      case 'update host': {
        const host = nth(hostsOf(out), edit.pick);
        if (host) Object.assign(host[2].attrs, cloneValue(edit.attrs));
        break;
      }
      case 'update port': {
        const port = nth(portsOf(out), edit.pick);
        if (port) Object.assign(port[2], cloneValue(edit.attrs));
        break;
      }
      case 'delete region': {
        const code = nth([...out.keys()], edit.pick);
        if (code !== undefined) out.delete(code);
        break;
      }
      case 'delete host': {
        const host = nth(hostsOf(out), edit.pick);
        if (host) host[0].hosts.delete(host[1]);
        break;
      }
      case 'delete port': {
        const port = nth(portsOf(out), edit.pick);
        if (port) port[0].ports.delete(port[1]);
        break;
      }
      case 'move host': {
        // a host moves to another region: its identifiers (and its ports' ones) change
        const host = nth(hostsOf(out), edit.pick);
        const to = nth([...out.values()], edit.to);
        if (host && to && to !== host[0]) {
          host[0].hosts.delete(host[1]);
          to.hosts.set(host[1], host[2]);
        }
        break;
      }
      case 'move port': {
        const port = nth(portsOf(out), edit.pick);
        const to = nth(hostsOf(out), edit.to);
        if (port && to && to[2] !== port[0]) {
          port[0].ports.delete(port[1]);
          to[2].ports.set(port[1], port[2]);
        }
        break;
      }
    }
  }
  return out;
}

/** Every refusable kind the tree's attribute values hold. */
export function datasetKinds(data: Dataset): Set<ConvergenceValueKind> {
  const out = new Set<ConvergenceValueKind>();
  for (const r of data.values()) {
    kindsIn(Object.values(r.attrs), out);
    for (const h of r.hosts.values()) {
      kindsIn(Object.values(h.attrs), out);
      for (const p of h.ports.values()) kindsIn(Object.values(p), out);
    }
  }
  return out;
}

/* ------------------------------------------------------------------ adapters and trees */

export const hostUid = (code: string, name: string): string => `${code}__${name}`;
export const portUid = (code: string, name: string, slot: number): string => `${hostUid(code, name)}__${slot}`;

/** Adds the tree's objects to `adapter` (copies of the values), children linked to parents. */
export async function loadDataset(adapter: Adapter, data: Dataset): Promise<void> {
  for (const [code, r] of data) {
    const region = new CvRegion({ code, ...cloneValue(r.attrs) });
    await adapter.add(region);
    for (const [name, h] of r.hosts) {
      const host = new CvHost({ region: code, name, ...cloneValue(h.attrs) });
      await adapter.add(host);
      region.addChild(host);
      for (const [slot, p] of h.ports) {
        const port = new CvPort({ host: hostUid(code, name), slot, ...cloneValue(p) });
        await adapter.add(port);
        host.addChild(port);
      }
    }
  }
}

const REGION_ATTRS = ['label', 'founded', 'settings'];
const HOST_ATTRS = ['weight', 'enabled', 'seen', 'note', 'tags', 'config'];
const PORT_ATTRS = ['speed', 'counter', 'value'];

function attrsOf(obj: object, names: readonly string[]): Attrs {
  const out: Attrs = {};
  for (const n of names) out[n] = (obj as Record<string, unknown>)[n];
  return out;
}

/**
 * Where what `adapter` holds is not exactly `expected`: identifiers, attribute values
 * (exactly: -0, NaN, Dates, bigints, key sets), children lists (as sets) and object counts.
 */
export async function datasetDifferences(adapter: Adapter, expected: Dataset): Promise<string[]> {
  const out: string[] = [];
  const regions = await adapter.getAll(CvRegion);
  const seen = new Set<string>();
  let hostCount = 0;
  let portCount = 0;
  for (const region of regions) {
    const code = region.code;
    seen.add(code);
    const want = expected.get(code);
    const where = `convergence_region ${JSON.stringify(code)}`;
    if (!want) {
      out.push(`${where}: present, expected absent`);
      continue;
    }
    exactDifferences(want.attrs, attrsOf(region, REGION_ATTRS), where, out);
    const wantHosts = [...want.hosts.keys()].map((n) => hostUid(code, n)).sort();
    const gotHosts = [...(region.hosts ?? [])].sort();
    if (JSON.stringify(wantHosts) !== JSON.stringify(gotHosts))
      out.push(`${where}.hosts: expected ${JSON.stringify(wantHosts)}, got ${JSON.stringify(gotHosts)}`);
    for (const [name, h] of want.hosts) {
      const host = await adapter.getOrNone(CvHost, hostUid(code, name));
      const hw = `convergence_host ${JSON.stringify(hostUid(code, name))}`;
      if (!host) {
        out.push(`${hw}: absent, expected present`);
        continue;
      }
      hostCount++;
      exactDifferences({ region: code, name, ...h.attrs }, { region: host.region, name: host.name, ...attrsOf(host, HOST_ATTRS) }, hw, out);
      const wantPorts = [...h.ports.keys()].map((s) => portUid(code, name, s)).sort();
      const gotPorts = [...(host.ports ?? [])].sort();
      if (JSON.stringify(wantPorts) !== JSON.stringify(gotPorts))
        out.push(`${hw}.ports: expected ${JSON.stringify(wantPorts)}, got ${JSON.stringify(gotPorts)}`);
      for (const [slot, p] of h.ports) {
        const port = await adapter.getOrNone(CvPort, portUid(code, name, slot));
        const pw = `convergence_port ${JSON.stringify(portUid(code, name, slot))}`;
        if (!port) {
          out.push(`${pw}: absent, expected present`);
          continue;
        }
        portCount++;
        exactDifferences({ host: hostUid(code, name), slot, ...p }, { host: port.host, slot: port.slot, ...attrsOf(port, PORT_ATTRS) }, pw, out);
      }
    }
  }
  for (const code of expected.keys()) if (!seen.has(code)) out.push(`convergence_region ${JSON.stringify(code)}: absent, expected present`);
  const counts = [await adapter.count(CvHost), await adapter.count(CvPort)];
  if (counts[0] !== hostCount || counts[1] !== portCount) {
    out.push(`object counts: expected ${hostCount} hosts and ${portCount} ports, the store holds ${counts[0]} and ${counts[1]} (orphans left behind?)`);
  }
  return out;
}
