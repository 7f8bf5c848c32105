/** A command as node-redis sends it. */
export type RedisCommand = readonly string[];

/** The MULTI builder of node-redis (v5/v6) as the store uses it. */
export interface RedisMultiLike {
  /** Queues one raw command in the transaction; returns the builder for chaining. */
  addCommand(args: RedisCommand): RedisMultiLike;
  /** Sends MULTI, the queued commands and EXEC; resolves to EXEC's replies. */
  exec(): Promise<unknown>;
}

/**
 * The part of a node-redis client (`createClient()` of the `redis` package, v5 or v6)
 * that the store uses: raw commands (so replies are not reshaped per call), MULTI, and
 * the connection lifecycle. Any client built by `createClient` fits.
 */
export interface RedisClientLike {
  /** True while the client is connected (or connecting); the store connects a closed client it was given. */
  readonly isOpen: boolean;
  /** Opens the connection (bounded by the store's `connectTimeoutMs`). */
  connect(): Promise<unknown>;
  /** Sends one raw command and resolves to its unreshaped reply. */
  sendCommand(args: RedisCommand): Promise<unknown>;
  /** Starts a MULTI/EXEC transaction builder. */
  multi(): RedisMultiLike;
  /** Closes gracefully after pending replies (node-redis v5+); preferred over `quit` when present. */
  close?(): Promise<unknown>;
  /** Sends QUIT and closes (older node-redis); used when `close` is missing. */
  quit?(): Promise<unknown>;
  /** Drops the connection at once, without waiting for replies; the fallback when a graceful close fails or times out. */
  destroy?(): unknown;
  /** Registers the connection error listener (node-redis emits `error` on socket failures and reconnects). */
  on(event: 'error', listener: (error: Error) => void): unknown;
}
