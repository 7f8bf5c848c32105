// Type-only: winston itself is loaded when a console logger is created (lazy-modules.ts).
// Named, not default: a default import would need `esModuleInterop` in every consumer's
// tsconfig, because it lands in the published .d.ts (TS1259).
import type { Logger } from 'winston';
import { winston as loadWinston } from '../lazy-modules';
import type { SyncLogger } from './sync-logger';
import { setDefaultLogger } from './sync-logger';

const LEVELS: Record<number, string> = { 0: 'warn', 1: 'info', 2: 'debug' };

/** A winston logger writing readable lines to the console at the given verbosity. */
export function createConsoleLogger(verbosity: 0 | 1 | 2 = 0): Logger {
  const { createLogger, format, transports } = loadWinston();
  return createLogger({
    level: LEVELS[Math.max(0, Math.min(2, verbosity))],
    format: format.combine(
      format.timestamp({ format: 'YYYY-MM-DD HH:mm:ss' }),
      format.printf(({ level, message, timestamp, ...meta }) => {
        const extra = Object.keys(meta).length ? ' ' + JSON.stringify(meta, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) : '';
        return `${String(timestamp)} [${level}] ${String(message)}${extra}`;
      }),
    ),
    transports: [new transports.Console({ stderrLevels: ['error', 'warn', 'info', 'debug'] })],
  });
}

/**
 * Install a winston console logger as the default for adapters created without a
 * logger: 0 = warnings and errors, 1 = info, 2 = debug (as diffsync's
 * `enable_console_logging`). Returns the logger.
 */
export function enableConsoleLogging(verbosity: 0 | 1 | 2 = 0): SyncLogger {
  const logger = createConsoleLogger(verbosity);
  setDefaultLogger(logger);
  return logger;
}
