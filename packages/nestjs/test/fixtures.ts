import { Injectable } from '@nestjs/common';
import { LocalStore, StoreOptions } from '@diffsync/core';
import { BackendA, BackendB, InventoryAdapter, InventoryData } from '@diffsync/example-network-inventory';

/** A provider the source adapter injects. */
@Injectable()
export class InventorySource {
  calls = 0;
  data(): InventoryData {
    this.calls++;
    return {
      ams: { 'ams-rtr1': { role: 'edge', interfaces: { eth0: 'uplink', eth1: 'server' } } },
      nyc: { 'nyc-spine1': { role: 'spine', interfaces: { eth0: 'Interface 0', eth1: 'Interface 1' } } },
    };
  }
}

let built = 0;
/** Number of adapters Nest has built so far. */
export function adaptersBuilt(): number {
  return built;
}

@Injectable()
export class SourceAdapter extends InventoryAdapter {
  constructor(readonly source: InventorySource) {
    super({ data: source.data() });
    built++;
  }
}

@Injectable()
export class TargetAdapter extends BackendA {
  constructor() {
    super();
    built++;
  }
}

@Injectable()
export class OtherAdapter extends BackendB {}

/** A LocalStore that records how it was built and closed. */
export class TrackedStore extends LocalStore {
  static created: TrackedStore[] = [];
  closed = false;
  constructor(options?: StoreOptions) {
    super(options);
    TrackedStore.created.push(this);
  }
  override async close(): Promise<void> {
    this.closed = true;
  }
}
