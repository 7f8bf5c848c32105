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
  override readonly code: string = 'CLI';
  readonly exitCode: number = ExitCode.FAILED;
}

/** Bad usage or configuration (exit code 2). */
export class CliUsageError extends CliError {
  override readonly code: string = 'CLI_USAGE';
  override readonly exitCode: number = ExitCode.USAGE;
}

/** No `diffsync.config.*` in the working directory and no `--config`. */
export class ConfigNotFoundError extends CliUsageError {
  override readonly code: string = 'CONFIG_NOT_FOUND';
}

/** The config file exists but cannot be loaded, or does not export a valid config. */
export class ConfigInvalidError extends CliUsageError {
  override readonly code: string = 'CONFIG_INVALID';
}

/** `--from` / `--to` name an adapter the config does not define. */
export class UnknownAdapterError extends CliUsageError {
  override readonly code: string = 'UNKNOWN_ADAPTER';
  /** The adapter names the config defines. */
  readonly known: readonly string[];

  constructor(name: string, option: string, known: readonly string[], configFile: string) {
    super(
      `${option} "${name}" is not an adapter of ${configFile}; its adapters are: ${known.length ? known.join(', ') : '(none)'}.`,
    );
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
  override readonly code: string = 'STALE_PLAN';
}
