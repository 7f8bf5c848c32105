import type { Adapter } from '../forward-types';
import type { SyncLogger } from '../logging/sync-logger';
import { levelEnabled } from '../logging/sync-logger';

/** Fields of an EventContext that reference the caller's objects (released by keepShape). */
export const EVENT_CONTEXT_REFS: readonly string[] = ['logger', 'boundLogger'];

/** A logger with the src/dst/flags meta bound, and the levels checked once. */
export class EventContext {
  readonly base: Record<string, unknown>;
  readonly debugOn: boolean;
  readonly infoOn: boolean;
  readonly warnOn: boolean;
  readonly errorOn: boolean;
  /** The logger handed to syncComplete (a winston child when available). */
  readonly boundLogger: SyncLogger;

  constructor(
    readonly logger: SyncLogger,
    src: Adapter,
    dst: Adapter,
    flags: number,
  ) {
    this.base = { src: String(src), dst: String(dst), flags };
    this.debugOn = levelEnabled(logger, 'debug');
    this.infoOn = levelEnabled(logger, 'info');
    this.warnOn = levelEnabled(logger, 'warn');
    this.errorOn = levelEnabled(logger, 'error');
    this.boundLogger = logger.child ? logger.child(this.base) : logger;
  }

  debug(message: string, meta?: Record<string, unknown>): void {
    if (this.debugOn) this.logger.debug(message, meta ? { ...this.base, ...meta } : { ...this.base });
  }
  info(message: string, meta?: Record<string, unknown>): void {
    if (this.infoOn) this.logger.info(message, meta ? { ...this.base, ...meta } : { ...this.base });
  }
  warn(message: string, meta?: Record<string, unknown>): void {
    if (this.warnOn) this.logger.warn(message, meta ? { ...this.base, ...meta } : { ...this.base });
  }
  error(message: string, meta?: Record<string, unknown>): void {
    if (this.errorOn) this.logger.error(message, meta ? { ...this.base, ...meta } : { ...this.base });
  }
}
