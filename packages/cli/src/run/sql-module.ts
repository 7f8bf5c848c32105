import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { CliUsageError } from '../errors';

/** The `@diffsync/sql` module (an optional peer dependency of the command line). */
export type SqlModule = typeof import('@diffsync/sql');

/** `@diffsync/sql` and the file it was loaded from. */
export interface ResolvedSql {
  sql: SqlModule;
  /** The module's entry file (to resolve `@diffsync/core` as it sees it). */
  file: string;
}

/**
 * `@diffsync/sql`, resolved from the working directory first (the user's install), else
 * from the command line's own; `CliUsageError` saying how to install it when neither has it.
 * `purpose` names what needs it (`diffsync schema`, database URLs in --from/--to, …).
 */
export function resolveSql(cwd: string, purpose: string): ResolvedSql {
  for (const base of [cwd, __dirname]) {
    try {
      const req = createRequire(resolve(base, 'noop.js'));
      const file = req.resolve('@diffsync/sql');
      return { sql: req(file) as SqlModule, file };
    } catch {
      /* next */
    }
  }
  throw new CliUsageError(`${purpose} needs @diffsync/sql: npm install @diffsync/sql (and the driver of your database).`);
}

/** `@diffsync/sql` (see {@link resolveSql}). */
export function loadSql(cwd: string, purpose = 'diffsync schema'): SqlModule {
  return resolveSql(cwd, purpose).sql;
}
