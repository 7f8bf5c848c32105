/** A command as node-redis sends it. */
export type RedisCommand = readonly string[];

/** The MULTI builder of node-redis (v5/v6) as the store uses it. */
export interface RedisMultiLike {
  addCommand(args: RedisCommand): RedisMultiLike;
  exec(): Promise<unknown>;
}

/**
 * The part of a node-redis client (`createClient()` of the `redis` package, v5 or v6)
 * that the store uses: raw commands (so replies are not reshaped per call), MULTI, and
 * the connection lifecycle. Any client built by `createClient` fits.
 */
export interface RedisClientLike {
  readonly isOpen: boolean;
  connect(): Promise<unknown>;
  sendCommand(args: RedisCommand): Promise<unknown>;
  multi(): RedisMultiLike;
  close?(): Promise<unknown>;
  quit?(): Promise<unknown>;
  destroy?(): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}
