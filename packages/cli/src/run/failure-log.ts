import type { SyncLogger } from '@diffsync/core';
import { jsonText } from '../json-text';

/** One element the sync could not apply, as the engine logged it. */
export interface SyncFailure {
  /** Model type. */
  type: string;
  /** The object's unique id. */
  uid: string;
  action: string;
  /** 'error' (a CRUD exception under CONTINUE_ON_FAILURE) or 'failure' (the hook returned null). */
  status: string;
  message: string;
}

/**
 * Wrap a destination adapter's logger so the sync's per-element error and failure events
 * are recorded (whatever level the wrapped logger shows) and still forwarded to it.
 */
export function recordingLogger(inner: SyncLogger): { logger: SyncLogger; failures: SyncFailure[] } {
  const failures: SyncFailure[] = [];
  const enabled = (level: string): boolean => (inner.isLevelEnabled ? inner.isLevelEnabled(level) : true);
  const record = (message: string, meta: Record<string, unknown> | undefined): void => {
    const status = meta?.['status'];
    if ((status === 'error' || status === 'failure') && typeof meta?.['model'] === 'string') {
      failures.push({
        type: meta['model'],
        uid: text(meta['uniqueId']),
        action: text(meta['action']),
        status,
        message,
      });
    }
  };
  const logger: SyncLogger = {
    error(message, meta) {
      record(message, meta);
      if (enabled('error')) inner.error(message, meta);
    },
    warn(message, meta) {
      record(message, meta);
      if (enabled('warn')) inner.warn(message, meta);
    },
    info(message, meta) {
      if (enabled('info')) inner.info(message, meta);
    },
    debug(message, meta) {
      if (enabled('debug')) inner.debug(message, meta);
    },
    isLevelEnabled: (level) => level === 'error' || level === 'warn' || enabled(level),
  };
  if (inner.child) logger.child = (meta) => (inner.child as (m: Record<string, unknown>) => SyncLogger)(meta);
  return { logger, failures };
}

/** A log meta value as text: strings as they are, other primitives by String, objects as JSON, nothing as ''. */
function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'symbol' || typeof value === 'function') return value.toString();
  return jsonText(value) ?? 'undefined';
}
