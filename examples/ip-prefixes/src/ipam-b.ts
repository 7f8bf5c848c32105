import { Adapter, Model, ValueMap } from '@diffsync/core';
import { Prefix } from './models';
import { IpamFile } from './ipam-file';

/** IPAM B's layout: `{ network, prefix_length, vrf, vlan_id, tenant }`. */
export interface IpamBRecord {
  network: string;
  prefix_length: number;
  vrf: string | null;
  vlan_id: number | null;
  tenant: string | null;
}

function split(prefix: string): [string, number] {
  const [network, length] = prefix.split('/');
  return [network, Number(length)];
}

@Model('prefix')
export class IpamBPrefix extends Prefix {
  static override create(adapter: Adapter, ids: ValueMap, attrs: ValueMap) {
    const [network, length] = split(String(ids.prefix));
    (adapter as IpamB).records.push({
      network,
      prefix_length: length,
      vrf: (attrs.vrf as string | null) ?? null,
      vlan_id: (attrs.vlanId as number | null) ?? null,
      tenant: (attrs.tenant as string | null) || null,
    });
    return super.create(adapter, ids, attrs);
  }

  private record(): IpamBRecord | undefined {
    const [network, length] = split(this.prefix);
    return (this.adapter as IpamB).records.find((r) => r.network === network && r.prefix_length === length);
  }

  override update(attrs: ValueMap) {
    const record = this.record();
    if (record) {
      if ('vrf' in attrs) record.vrf = attrs.vrf as string | null;
      if ('vlanId' in attrs) record.vlan_id = attrs.vlanId as number | null;
      if ('tenant' in attrs) record.tenant = attrs.tenant as string | null;
    }
    return super.update(attrs);
  }

  override delete() {
    const record = this.record();
    const records = (this.adapter as IpamB).records;
    if (record) records.splice(records.indexOf(record), 1);
    return super.delete();
  }
}

export class IpamB extends IpamFile<IpamBRecord> {
  static override models = [IpamBPrefix];
  static override topLevel = ['prefix'];

  override async load(): Promise<void> {
    for (const r of this.records) {
      await this.add(new IpamBPrefix({ prefix: `${r.network}/${r.prefix_length}`, vrf: r.vrf, vlanId: r.vlan_id, tenant: r.tenant }));
    }
  }
}
