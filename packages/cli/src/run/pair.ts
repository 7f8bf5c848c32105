import type { Adapter, Diff } from '@diffsync/core';
import { CliUsageError } from '../errors';
import { DATABASE_URL_FORMS, isDatabaseUrl } from './database-url';
import type { Progress } from './progress';
import type { CliIO } from './options';
import type { SessionOptions } from './session';
import { coreFor, installLogging, loadPair, openSession } from './session';
import { resolveSql } from './sql-module';
import { loadUrlPair } from './url-adapters';

/** `--from` / `--to` of `diff`, `plan` and `sync`: adapters of the config, or two database URLs. */
export interface PairOptions extends SessionOptions {
  from: string;
  to: string;
  /** `--tables t1,t2` (database URLs only). */
  tables?: string;
  /** `--namespace NS` (database URLs only). */
  namespace?: string;
}

/** The loaded source and target, how to name them in reports, and what releases them. */
export interface OpenPair {
  source: Adapter;
  target: Adapter;
  /** `--from` for titles and messages (a URL without its password). */
  from: string;
  /** `--to` for titles and messages. */
  to: string;
  /** Before a sync of database URLs: refuses (exit 2) values the target's columns would round. */
  checkWrite?: (diff: Diff) => void;
  /** Closes what the command line opened (the connections of database URLs). */
  close(): Promise<void>;
}

function tableList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const tables = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (tables.length === 0) throw new CliUsageError('--tables needs at least one table name (t1,t2,…).');
  return tables;
}

/**
 * Build and load `--from` and `--to`. Two database URLs need no config: the models come
 * from the source's catalog and each side is a `SqlAdapter` (see `loadUrlPair`). Two
 * names are adapters of the config. One of each is refused (exit 2).
 */
export async function openPair(io: CliIO, options: PairOptions, progress: Progress): Promise<OpenPair> {
  const fromUrl = isDatabaseUrl(options.from);
  const toUrl = isDatabaseUrl(options.to);
  if (fromUrl !== toUrl) {
    const [url, name] = fromUrl ? (['--from', '--to'] as const) : (['--to', '--from'] as const);
    throw new CliUsageError(
      `${url} is a database URL but ${name} "${fromUrl ? options.to : options.from}" is not: give two database URLs ` +
        `(${DATABASE_URL_FORMS}; no config needed) or two adapter names of the config.`,
    );
  }
  if (!fromUrl) {
    for (const [option, value] of [
      ['--tables', options.tables],
      ['--namespace', options.namespace],
    ] as const) {
      if (value !== undefined) throw new CliUsageError(`${option} applies to database URLs only (--from and --to here name adapters of the config).`);
    }
    const session = await openSession(io.cwd, options);
    const { source, target } = await loadPair(session, options.from, options.to, progress);
    return { source, target, from: options.from, to: options.to, close: () => Promise.resolve() };
  }
  if (options.config !== undefined) {
    throw new CliUsageError('--config is not read when --from and --to are database URLs: the models come from the source database.');
  }
  const tables = tableList(options.tables);
  const { sql, file } = resolveSql(io.cwd, 'A database URL in --from/--to');
  installLogging(coreFor(file), options.verbose);
  const pair = await loadUrlPair(sql, io.cwd, { from: options.from, to: options.to }, { tables, namespace: options.namespace }, progress);
  return {
    source: pair.source,
    target: pair.target,
    from: sql.redactUrl(options.from),
    to: sql.redactUrl(options.to),
    checkWrite: (diff) => pair.checkWrite(diff),
    close: () => pair.close(),
  };
}
