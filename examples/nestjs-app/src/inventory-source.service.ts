import { Injectable } from '@nestjs/common';
import { join } from 'node:path';
import { DATA_DIR, InventoryData, readInventory } from '@diffsync/example-network-inventory';

/**
 * Stands for the system of record (a CMDB client, an HTTP API...): the source adapter
 * gets its data through this injected service.
 */
@Injectable()
export class InventorySourceService {
  private file = join(DATA_DIR, 'backend-b.json');

  /** Read from another inventory file (e.g. in tests). */
  useFile(file: string): void {
    this.file = file;
  }

  async fetchInventory(): Promise<InventoryData> {
    return readInventory(this.file);
  }
}
