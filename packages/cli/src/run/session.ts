import { createRequire } from 'node:module';
import type { Adapter, SyncLogger } from '@diffsync/core';
import * as bundledCore from '@diffsync/core';
import type { LoadedConfig } from '../config/load-config';
import { loadConfig } from '../config/load-config';
import type { AdapterFactoryContext } from '../config/define-config';
import { CliUsageError, UnknownAdapterError } from '../errors';
import type { Progress } from './progress';

export type Core = typeof bundledCore;

/** Options every command that loads adapters shares. */
export interface SessionOptions {
  config?: string;
  quiet?: boolean;
  verbose?: number;
}

/**
 * `@diffsync/core` as the config's models see it: resolved from the config's directory,
 * so the default logger the command line installs is the one the user's adapters read
 * even when two copies of core are installed. Falls back to the command line's own copy.
 */
export function coreFor(configFile: string): Core {
  try {
    return createRequire(configFile)('@diffsync/core') as Core;
  } catch {
    return bundledCore;
  }
}

/** A loaded config with the logging the flags ask for installed. */
export interface Session extends LoadedConfig {
  core: Core;
}

/** Load the config and install logging: `-v` info, `-vv` debug, else the config's logger (if any). */
export async function openSession(cwd: string, options: SessionOptions): Promise<Session> {
  const loaded = await loadConfig(cwd, options.config);
  const core = coreFor(loaded.file);
  installLogging(core, options.verbose, loaded.config.logger);
  return { ...loaded, core };
}

/** `-v` info, `-vv` debug (core's console logger), else `logger` when given. */
export function installLogging(core: Core, verbose: number | undefined, logger?: SyncLogger): void {
  const level = Math.min(2, verbose ?? 0);
  if (level > 0) core.enableConsoleLogging(level as 1 | 2);
  else if (logger) core.setDefaultLogger(logger);
}

/** Build (not load) the adapter named `name` with its config factory; a partitioned run passes `{ partition }`. */
export async function buildAdapter(session: Session, name: string, option: string, context: AdapterFactoryContext = {}): Promise<Adapter> {
  const factory = Object.prototype.hasOwnProperty.call(session.config.adapters, name) ? session.config.adapters[name] : undefined;
  if (!factory) throw new UnknownAdapterError(name, option, Object.keys(session.config.adapters), session.file);
  const adapter = await factory(context);
  if (!adapter || typeof adapter.load !== 'function' || typeof adapter.diffFrom !== 'function') {
    throw new CliUsageError(`${session.file}: adapters.${name} did not return an Adapter (got ${describe(adapter)}).`);
  }
  if (session.config.validate !== undefined) adapter.validate = session.config.validate;
  return adapter;
}

/** `--from` / `--to` must name adapters of the config (checked before anything is loaded or queued). */
export function checkAdapterNames(session: Session, from: string, to: string): void {
  for (const [name, option] of [
    [from, '--from'],
    [to, '--to'],
  ] as const) {
    if (!Object.prototype.hasOwnProperty.call(session.config.adapters, name)) {
      throw new UnknownAdapterError(name, option, Object.keys(session.config.adapters), session.file);
    }
  }
}

/** Build and load the adapter named `name` (`--from` / `--to`), with a progress bar for the load. */
export async function loadAdapter(session: Session, name: string, option: string, progress: Progress): Promise<Adapter> {
  const adapter = await buildAdapter(session, name, option);
  const done = progress.task(`load ${name}`);
  await adapter.load();
  done(String(adapter));
  return adapter;
}

/** Build and load `--from` and `--to` (one after the other: loads may share a connection). */
export async function loadPair(session: Session, from: string, to: string, progress: Progress): Promise<{ source: Adapter; target: Adapter }> {
  // Name checks first, so a typo fails before any adapter is loaded.
  checkAdapterNames(session, from, to);
  const source = await loadAdapter(session, from, '--from', progress);
  const target = await loadAdapter(session, to, '--to', progress);
  return { source, target };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return value.constructor?.name ?? 'object';
  return typeof value;
}
