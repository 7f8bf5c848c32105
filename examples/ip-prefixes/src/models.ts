import { Attribute, DiffSyncModel, Identifier, Model } from '@diffsync/core';

/** An IP prefix as both IPAMs know it; each IPAM stores it in its own layout. */
@Model('prefix')
export class Prefix extends DiffSyncModel {
  @Identifier() prefix!: string;
  @Attribute() vrf!: string | null;
  @Attribute() vlanId!: number | null;
  @Attribute() tenant!: string | null;
}
