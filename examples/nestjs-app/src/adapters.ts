import { Injectable } from '@nestjs/common';
import { BackendA, InventoryAdapter } from '@diffsync/example-network-inventory';
import { InventorySourceService } from './inventory-source.service';

/** The source of truth, read through an injected service. */
@Injectable()
export class CmdbAdapter extends InventoryAdapter {
  static override type = 'CMDB';

  constructor(private readonly source: InventorySourceService) {
    super();
  }

  override async load(): Promise<void> {
    this.data = await this.source.fetchInventory();
    await super.load();
  }
}

/** The network as it is (the bundled Backend-A inventory); the sync target. */
@Injectable()
export class NetworkAdapter extends BackendA {
  static override type = 'Network';
}
