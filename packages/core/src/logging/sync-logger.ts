/** The four levels a {@link SyncLogger} writes. */
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

/**
 * What the engine logs through. A winston `Logger` satisfies it, and so does any
 * object with these four methods.
 */
export interface SyncLogger {
  /** Log an error (a failed CRUD hook, a store failure). */
  error(message: string, meta?: Record<string, unknown>): unknown;
  /** Log a warning. */
  warn(message: string, meta?: Record<string, unknown>): unknown;
  /** Log an informational event (sync begun and done, an element synced). */
  info(message: string, meta?: Record<string, unknown>): unknown;
  /** Log a debug event (every compared element when enabled). */
  debug(message: string, meta?: Record<string, unknown>): unknown;
  /** Optional: a logger whose events all carry `meta`. */
  child?(meta: Record<string, unknown>): SyncLogger;
  /** Optional: lets the engine skip building events nobody will see (winston has it). */
  isLevelEnabled?(level: string): boolean;
}

const noop = (): void => undefined;

/** The default logger: drops everything. */
export const silentLogger: SyncLogger = Object.freeze({
  error: noop,
  warn: noop,
  info: noop,
  debug: noop,
  isLevelEnabled: () => false,
});

let defaultLogger: SyncLogger = silentLogger;

/** The logger adapters use when none is given to their constructor. */
export function getDefaultLogger(): SyncLogger {
  return defaultLogger;
}

/** Replace the logger adapters use when none is given (pass `silentLogger` to reset). */
export function setDefaultLogger(logger: SyncLogger): void {
  defaultLogger = logger;
}

/** True when `logger` would emit an event at `level`. */
export function levelEnabled(logger: SyncLogger, level: LogLevel): boolean {
  return logger.isLevelEnabled ? logger.isLevelEnabled(level) : true;
}
