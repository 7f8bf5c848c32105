import { DiffSyncError } from '@diffsync/core';

/** Exit codes of the `diffsync` command (docs/cli.md). */
export const ExitCode = {
  /** Done. */
  OK: 0,
  /** `--exit-code` was given and the diff is not empty. */
  DIFFERENCES: 1,
  /** Bad usage or configuration: the message names the problem. */
  USAGE: 2,
  /** A sync finished with failed elements (CONTINUE_ON_FAILURE, or hooks that returned null). */
  SYNC_FAILURES: 3,
  /** Anything else failed: an adapter's load, a database, a stale plan. Nothing more was done. */
  FAILED: 4,
} as const;

/** Base of the command line's own errors; `exitCode` is what the process exits with. */
export class CliError extends DiffSyncError {
  /** Stable error code (`'CLI'`), for code that branches on the kind of failure. */
  override readonly code: string = 'CLI';
  /** The exit status the `diffsync` command ends with on this error (`ExitCode.FAILED`). */
  readonly exitCode: number = ExitCode.FAILED;
}

/** Bad usage or configuration (exit code 2). */
export class CliUsageError extends CliError {
  /** Stable error code (`'CLI_USAGE'`), for code that branches on the kind of failure. */
  override readonly code: string = 'CLI_USAGE';
  /** The exit status the `diffsync` command ends with on this error (`ExitCode.USAGE`). */
  override readonly exitCode: number = ExitCode.USAGE;
}

/** No `diffsync.config.*` in the working directory and no `--config`. */
export class ConfigNotFoundError extends CliUsageError {
  /** Stable error code (`'CONFIG_NOT_FOUND'`), for code that branches on the kind of failure. */
  override readonly code: string = 'CONFIG_NOT_FOUND';
}

/** The config file exists but cannot be loaded, or does not export a valid config. */
export class ConfigInvalidError extends CliUsageError {
  /** Stable error code (`'CONFIG_INVALID'`), for code that branches on the kind of failure. */
  override readonly code: string = 'CONFIG_INVALID';
}

/** `--from` / `--to` name an adapter the config does not define. */
export class UnknownAdapterError extends CliUsageError {
  /** Stable error code (`'UNKNOWN_ADAPTER'`), for code that branches on the kind of failure. */
  override readonly code: string = 'UNKNOWN_ADAPTER';
  /** The adapter names the config defines. */
  readonly known: readonly string[];

  constructor(name: string, option: string, known: readonly string[], configFile: string) {
    super(`${option} "${name}" is not an adapter of ${configFile}; its adapters are: ${known.length ? known.join(', ') : '(none)'}.`);
    this.known = known;
  }
}

/**
 * `sync --plan` was given a plan that no longer matches the data (the destination or the
 * source changed since the plan was made). Nothing was applied. The message starts with
 * diffsync's own stale-diff error for the first element that differs (`Failed to create
 * … - it already exists!`, `Failed to update … - not found!`, …), kept as `cause`.
 */
export class StalePlanError extends CliError {
  /** Stable error code (`'STALE_PLAN'`), for code that branches on the kind of failure. */
  override readonly code: string = 'STALE_PLAN';
}
