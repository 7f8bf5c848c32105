import type { Adapter, SyncLogger } from '@diffsync/core';

/** Which share of the top-level objects an adapter should load (API §9). */
export interface PartitionSpec {
  /** 0-based index of this partition. */
  index: number;
  /** How many partitions the run is cut into. */
  count: number;
}

/** What the command line hands an adapter factory. */
export interface AdapterFactoryContext {
  /** Set when the run is partitioned; pass it on to the adapter's constructor. */
  partition?: PartitionSpec;
}

/** Builds one adapter (not yet loaded: the command line calls `load()`). */
export type AdapterFactory = (context: AdapterFactoryContext) => Adapter | Promise<Adapter>;

/** The contents of `diffsync.config.ts`. */
export interface DiffsyncConfig {
  /** The adapters `--from` and `--to` can name, each built by its factory. */
  adapters: Record<string, AdapterFactory>;
  /**
   * The logger adapters built without one use (a winston logger fits). `-v` / `-vv`
   * replace it with the console logger.
   */
  logger?: SyncLogger;
  /** Run class-validator constraints on every `add()` of every adapter. */
  validate?: boolean;
}

/**
 * Declare a configuration for the `diffsync` command; the identity function, typed so
 * that editors complete and check the file.
 *
 * @example
 * ```ts
 * // diffsync.config.ts
 * import { defineConfig } from '@diffsync/cli';
 * import { NetBox, Cmdb } from './adapters';
 *
 * export default defineConfig({
 *   adapters: {
 *     netbox: () => new NetBox(),
 *     cmdb: ({ partition }) => new Cmdb({ partition }),
 *   },
 * });
 * ```
 */
export function defineConfig<C extends DiffsyncConfig>(config: C): C {
  return config;
}
