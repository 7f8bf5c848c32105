import { isIP } from 'node:net';
import { Adapter, Model, ValueMap } from '@diffsync/core';
import { Prefix } from './models';
import { IpamFile } from './ipam-file';

/** IPAM A's layout: `{ cidr, family, vrf, vlan: "VLAN10", customer_id }`. */
export interface IpamARecord {
  cidr: string;
  family: number;
  vrf: string | null;
  vlan: string;
  customer_id: string | null;
}

@Model('prefix')
export class IpamAPrefix extends Prefix {
  static override create(adapter: Adapter, ids: ValueMap, attrs: ValueMap) {
    const cidr = String(ids.prefix);
    (adapter as IpamA).records.push({
      cidr,
      family: isIP(cidr.split('/')[0]),
      vrf: (attrs.vrf as string | null) ?? null,
      vlan: `VLAN${String(attrs.vlanId)}`,
      customer_id: (attrs.tenant as string | null) || null,
    });
    return super.create(adapter, ids, attrs);
  }

  override update(attrs: ValueMap) {
    const record = (this.adapter as IpamA).records.find((r) => r.cidr === this.prefix);
    if (record) {
      if ('vrf' in attrs) record.vrf = attrs.vrf as string | null;
      if ('vlanId' in attrs) record.vlan = `VLAN${String(attrs.vlanId)}`;
      if ('tenant' in attrs) record.customer_id = attrs.tenant as string | null;
    }
    return super.update(attrs);
  }

  override delete() {
    const records = (this.adapter as IpamA).records;
    const index = records.findIndex((r) => r.cidr === this.prefix);
    if (index >= 0) records.splice(index, 1);
    return super.delete();
  }
}

export class IpamA extends IpamFile<IpamARecord> {
  static override models = [IpamAPrefix];
  static override topLevel = ['prefix'];

  override async load(): Promise<void> {
    for (const r of this.records) {
      await this.add(new IpamAPrefix({ prefix: r.cidr, vrf: r.vrf, vlanId: Number(r.vlan.replace(/^VLAN/, '')), tenant: r.customer_id }));
    }
  }
}
