import { CliUsageError, ExitCode } from '../errors';
import type { CliIO } from '../run/options';
import { writeOutput } from '../run/options';
import { parseFormat, renderReport } from '../report/render';
import { DATABASE_URL_FORMS, isDatabaseUrl } from '../run/database-url';
import { loadSql } from '../run/sql-module';

export interface TableDiffCommandOptions {
  table: string;
  targetTable?: string;
  key?: string;
  columns?: string;
  where?: string;
  segments?: string;
  threads?: string;
  serverParallel?: boolean;
  repair?: boolean;
  format?: string;
  out?: string;
  exitCode?: boolean;
  quiet?: boolean;
}

function positive(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliUsageError(`${name} must be a positive integer (got '${value}').`);
  return n;
}

const list = (value: string | undefined) =>
  value === undefined
    ? undefined
    : value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0);

/**
 * `diffsync table-diff SOURCE_URL TARGET_URL --table T`: compares one table of two databases
 * by segment checksums (`diffTables`), prints the diff in a report format, and with
 * `--repair` makes the target's table like the source's.
 */
export async function tableDiffCommand(sourceUrl: string, targetUrl: string, options: TableDiffCommandOptions, io: CliIO): Promise<number> {
  const format = parseFormat(options.format ?? 'text');
  const sql = loadSql(io.cwd, 'diffsync table-diff');
  for (const [label, url] of [
    ['SOURCE_URL', sourceUrl],
    ['TARGET_URL', targetUrl],
  ] as const) {
    if (!isDatabaseUrl(url)) {
      throw new CliUsageError(`${label} '${sql.redactUrl(url)}' is not a database URL: use ${DATABASE_URL_FORMS}.`);
    }
  }
  const result = await sql.diffTables(sourceUrl, targetUrl, {
    table: options.table,
    targetTable: options.targetTable,
    key: list(options.key),
    columns: list(options.columns),
    where: options.where,
    segments: positive('--segments', options.segments),
    threads: positive('--threads', options.threads),
    serverParallel: options.serverParallel === true,
    repair: options.repair === true,
  });
  const { stats } = result;
  const title = `diffsync table-diff: ${sql.redactUrl(sourceUrl)} → ${sql.redactUrl(targetUrl)} (${options.table})`;
  writeOutput(io, renderReport(format, { diff: result.diff, title }), options.out);
  if (options.quiet !== true) {
    io.stderr.write(
      `${options.table}: ${stats.sourceRows} source rows, ${stats.targetRows} target rows, ${stats.segments} segments compared, ` +
        `${stats.rowsFetched} rows fetched, ${stats.ms} ms${options.repair ? (result.diff.hasDiffs() ? '; target repaired' : '; nothing to repair') : ''}\n`,
    );
  }
  return options.exitCode && result.diff.hasDiffs() && !options.repair ? ExitCode.DIFFERENCES : ExitCode.OK;
}
