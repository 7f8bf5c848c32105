import type { SiteRow } from './workload';

/** What a hand-written diff over plain Maps and objects does: the floor for our phases. */
interface Obj {
  attrs: Record<string, unknown>;
  children: string[];
}
type Store = Map<string, Map<string, Obj>>;

export function bareLoad(rows: SiteRow[]): Store {
  const sites = new Map<string, Obj>();
  const devices = new Map<string, Obj>();
  const interfaces = new Map<string, Obj>();
  for (const s of rows) {
    const site: Obj = { attrs: { region: s.region, status: s.status }, children: [] };
    sites.set(s.name, site);
    for (const d of s.devices) {
      const uid = s.name + '__' + d.name;
      const dev: Obj = { attrs: { role: d.role, vendor: d.vendor, osVersion: d.osVersion }, children: [] };
      devices.set(uid, dev);
      site.children.push(uid);
      for (const i of d.interfaces) {
        const iuid = uid + '__' + i.name;
        interfaces.set(iuid, { attrs: { description: i.description, mtu: i.mtu, enabled: i.enabled }, children: [] });
        dev.children.push(iuid);
      }
    }
  }
  return new Map([
    ['site', sites],
    ['device', devices],
    ['interface', interfaces],
  ]);
}

export interface BareChange {
  action: 'create' | 'update' | 'delete' | null;
  type: string;
  uid: string;
  attrs: Record<string, unknown>;
  children: BareChange[];
}

const CHILD_OF: Record<string, string | undefined> = { site: 'device', device: 'interface' };

function diffList(type: string, src: Store, dst: Store, srcUids: string[], dstUids: string[]): BareChange[] {
  const out: BareChange[] = [];
  const s = src.get(type) as Map<string, Obj>;
  const d = dst.get(type) as Map<string, Obj>;
  const seen = new Set<string>();
  const inDst = new Set(dstUids);
  for (const uid of srcUids) {
    seen.add(uid);
    out.push(diffPair(type, uid, s.get(uid), inDst.has(uid) ? d.get(uid) : undefined, src, dst));
  }
  for (const uid of dstUids) if (!seen.has(uid)) out.push(diffPair(type, uid, undefined, d.get(uid), src, dst));
  return out;
}

function diffPair(type: string, uid: string, s: Obj | undefined, d: Obj | undefined, src: Store, dst: Store): BareChange {
  let action: BareChange['action'] = null;
  let attrs: Record<string, unknown> = {};
  if (s && !d) [action, attrs] = ['create', s.attrs];
  else if (!s && d) action = 'delete';
  else if (s && d) {
    for (const k in d.attrs) if (s.attrs[k] !== d.attrs[k]) attrs[k] = s.attrs[k];
    if (Object.keys(attrs).length) action = 'update';
  }
  const childType = CHILD_OF[type];
  const children = childType ? diffList(childType, src, dst, s?.children ?? [], d?.children ?? []) : [];
  return { action, type, uid, attrs, children };
}

export function bareDiff(src: Store, dst: Store): BareChange[] {
  return diffList('site', src, dst, [...(src.get('site') as Map<string, Obj>).keys()], [...(dst.get('site') as Map<string, Obj>).keys()]);
}

/** Apply the changes to `dst` (parents first). */
export function bareApply(changes: BareChange[], dst: Store, parent?: Obj): void {
  for (const c of changes) {
    const group = dst.get(c.type) as Map<string, Obj>;
    let obj = group.get(c.uid);
    if (c.action === 'create') {
      obj = { attrs: { ...c.attrs }, children: [] };
      group.set(c.uid, obj);
      parent?.children.push(c.uid);
    } else if (c.action === 'update' && obj) {
      Object.assign(obj.attrs, c.attrs);
    } else if (c.action === 'delete') {
      group.delete(c.uid);
    }
    if (obj) bareApply(c.children, dst, obj);
  }
}

export function countChanges(changes: BareChange[]): { create: number; update: number; delete: number } {
  const out = { create: 0, update: 0, delete: 0 };
  const walk = (list: BareChange[]) => {
    for (const c of list) {
      if (c.action) out[c.action]++;
      walk(c.children);
    }
  };
  walk(changes);
  return out;
}
