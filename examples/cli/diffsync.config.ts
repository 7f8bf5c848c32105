import { join } from 'node:path';
import { defineConfig } from '@diffsync/cli';
import { connect } from '@diffsync/sql';
import { InventoryDb, JsonInventory } from './src/adapters';

/** Where the SQLite target lives (INVENTORY_DB overrides it). */
const database = process.env['INVENTORY_DB'] ?? join(__dirname, 'inventory.db');

export default defineConfig({
  adapters: {
    netbox: () => new JsonInventory({ name: 'netbox', file: join(__dirname, 'data', 'netbox.json') }),
    cmdb: () => new JsonInventory({ name: 'cmdb', file: join(__dirname, 'data', 'cmdb.json') }),
    sqlite: async () => new InventoryDb({ name: 'sqlite', connection: await connect(`sqlite:${database}`) }),
  },
});
