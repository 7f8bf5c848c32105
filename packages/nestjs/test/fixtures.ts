import { DynamicModule, Injectable, Module } from '@nestjs/common';
import { LocalStore, StoreOptions } from '@diffsync/core';
import { BackendA, BackendB, InventoryAdapter, InventoryData } from '@diffsync/example-network-inventory';
import { DiffSyncModule } from '@diffsync/nestjs';

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

/** Stands for a driver client the user owns (e.g. a Redis client given to `RedisStore.connect({ client })`). */
export class UserClient {
  closed = false;
  async quit(): Promise<void> {
    this.closed = true;
  }
}

/** A store that borrows a client it does not own: closing the store leaves the client open. */
export class BorrowingStore extends TrackedStore {
  constructor(
    options: StoreOptions,
    readonly client: UserClient,
  ) {
    super(options);
  }
}

/** A store whose close() fails. */
export class FailingCloseStore extends LocalStore {
  override async close(): Promise<void> {
    throw new Error('connection reset');
  }
}

@Module({ providers: [InventorySource], exports: [InventorySource] })
export class InventoryModule {}

/** forFeature for the source (injects InventorySource) and target adapters. */
export function features(): DynamicModule {
  return DiffSyncModule.forFeature([SourceAdapter, TargetAdapter], { imports: [InventoryModule] });
}

/** Source (ams, nyc) → target (BackendA: nyc, sfo). */
export const EXPECTED = { create: 4, update: 0, delete: 11, 'no-change': 4, skip: 0 };
