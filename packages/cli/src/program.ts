import { Command, CommanderError, Option } from 'commander';
import { DiffSyncError } from '@diffsync/core';
import { CliError, ExitCode } from './errors';
import type { DiffCommandOptions } from './commands/diff';
import { diffCommand } from './commands/diff';
import type { PlanCommandOptions } from './commands/plan';
import { planCommand } from './commands/plan';
import type { ReportCommandOptions } from './commands/report';
import { reportCommand } from './commands/report';
import type { SyncCommandOptions } from './commands/sync';
import { syncCommand } from './commands/sync';
import type { SchemaCommandOptions } from './commands/schema';
import { schemaCommand } from './commands/schema';
import type { RunCommandOptions } from './commands/run';
import { runCommand } from './commands/run';
import type { WorkerCommandOptions } from './commands/worker';
import { workerCommand } from './commands/worker';

import type { TableDiffCommandOptions } from './commands/table-diff';
import { tableDiffCommand } from './commands/table-diff';
import type { CliIO } from './run/options';
import { REPORT_FORMATS } from './report/render';
import { DEFAULT_QUEUE } from './run/queue';

const VERSION = (require('../package.json') as { version: string }).version;

const EXIT_CODES_HELP = `
Exit codes:
  0  done
  1  --exit-code was given and the diff is not empty
  2  bad usage or configuration (the message names the problem)
  3  a sync finished with failed elements (CONTINUE_ON_FAILURE), or partitions of a run failed
  4  anything else failed (an adapter's load, a database, a stale plan)`;

function withSessionOptions(cmd: Command): Command {
  return cmd
    .option('-c, --config <file>', 'config file (default: diffsync.config.{ts,mts,js,mjs,cjs} in the working directory)')
    .option('-q, --quiet', 'no progress bars (and no "plan written" line)')
    .option('-v, --verbose', 'log through winston to stderr: -v info, -vv debug (repeatable)', (_: string, prev: number) => prev + 1, 0);
}

function pair(cmd: Command): Command {
  return cmd
    .requiredOption('--from <adapter>', 'source adapter (a name in the config)')
    .requiredOption('--to <adapter>', 'destination adapter (a name in the config)');
}

/** `--from` / `--to` that may also be two database URLs (no config needed), with `--tables` / `--namespace`. */
function pairOrUrls(cmd: Command): Command {
  return cmd
    .requiredOption('--from <adapter>', 'source: an adapter of the config, or a database URL (postgresql://…, mysql://…, sqlite:file.db)')
    .requiredOption('--to <adapter>', 'destination: an adapter of the config, or a database URL (with a URL --from)')
    .option('--tables <tables>', 'with database URLs: these tables only, comma-separated (default: every table of the source)')
    .option('--namespace <namespace>', 'with database URLs: the PostgreSQL schema (elsewhere the namespace__ table prefix) of the tables')
    .addHelpText(
      'after',
      "\nWith two database URLs no config is read: the models come from the source's catalog (primary keys as\n" +
        "identifiers, foreign keys that start a child's key as children), and each side is a SqlAdapter.",
    );
}

/** The `diffsync` program; `run` resolves to the exit code (commands never call process.exit). */
export function buildProgram(io: CliIO, setExit: (code: number) => void): Command {
  const program = new Command()
    .name('diffsync')
    .description('Diff and synchronise two systems through the adapters of a diffsync config, or two databases by their URLs.')
    .version(VERSION, '-V, --version', 'print the version')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EXIT_CODES_HELP)
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  const formatOption = () => new Option('-f, --format <format>', 'output format').choices([...REPORT_FORMATS]).default('text');

  withSessionOptions(pairOrUrls(program.command('diff').description('show what a sync would change: <to>.diffFrom(<from>)')))
    .addOption(formatOption())
    .option('-o, --out <file>', 'write the report to a file instead of stdout')
    .option('--flags <flags>', 'DiffSyncFlags, comma-separated (e.g. SKIP_UNMATCHED_DST,CONTINUE_ON_FAILURE)')
    .option('--exit-code', 'exit with 1 when the diff is not empty (as git diff --exit-code)')
    .action(async (opts: DiffCommandOptions) => setExit(await diffCommand(opts, io)));

  withSessionOptions(pairOrUrls(program.command('plan').description('save the diff as a plan (JSON) to review, report on and apply with sync --plan')))
    .requiredOption('-o, --out <file>', 'where to write the plan (JSON)')
    .option('--flags <flags>', 'DiffSyncFlags, comma-separated')
    .option('--exit-code', 'exit with 1 when the plan is not empty')
    .action(async (opts: PlanCommandOptions) => setExit(await planCommand(opts, io)));

  program
    .command('report')
    .description('render a plan (or the JSON output of a sync) as text, markdown or html')
    .argument('<plan>', 'a plan written by diffsync plan (or diffsync sync --format json)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'markdown', 'html', 'json']).default('text'))
    .option('-o, --out <file>', 'write the report to a file instead of stdout')
    .action(async (file: string, opts: ReportCommandOptions) => setExit(await reportCommand(file, opts, io)));

  withSessionOptions(pairOrUrls(program.command('sync').description('make <to> like <from> (or apply a reviewed plan with --plan)')))
    .option('--plan <file>', 'apply this plan; refused, with nothing applied, when the data changed since it was made')
    .option('--flags <flags>', 'DiffSyncFlags, comma-separated (CONTINUE_ON_FAILURE: go on after a failed element, exit 3)')
    .option('--concurrency <n>', 'sibling CRUD hooks run at once', '1')
    .addOption(formatOption())
    .option('-o, --out <file>', 'write the report of the applied diff to a file instead of stdout')
    .action(async (opts: SyncCommandOptions) => setExit(await syncCommand(opts, io)));

  const schema = program.command('schema').description('create or migrate SQL tables from @Model classes (@diffsync/sql)');
  for (const mode of ['plan', 'apply'] as const) {
    schema
      .command(mode)
      .description(mode === 'plan' ? 'print the SQL that would bring the database to the models (nothing when in sync)' : 'apply that SQL (syncSchema)')
      .requiredOption('--url <url>', 'database URL: postgresql://…, mysql://…, sqlite:file.db')
      .requiredOption('--models <module>', 'a module exporting the @Model classes (named exports or a default array); .ts works')
      .option('--allow-drop', 'drop tables and columns that hold data when the models no longer have them')
      .action(async (opts: SchemaCommandOptions) => setExit(await schemaCommand(mode, opts, io)));
  }
  withSessionOptions(program.command('worker').description('run partitions of diffsync runs from a queue (@diffsync/queue) until SIGINT / SIGTERM'))
    .requiredOption('--redis <url>', 'Redis URL: redis://[:password@]host:6379[/db]')
    .option('--concurrency <n>', 'partitions this worker runs at once', '1')
    .option('--queue <name>', 'queue name', DEFAULT_QUEUE)
    .addHelpText('after', '\nIt can run the sync "A->B" for every ordered pair of the config\'s adapters, building both with { partition }.')
    .action(async (opts: WorkerCommandOptions) => setExit(await workerCommand(opts, io)));

  withSessionOptions(pair(program.command('run').description('run <from> -> <to> cut into partitions on the workers of a queue (@diffsync/queue)')))
    .requiredOption('--redis <url>', 'Redis URL: redis://[:password@]host:6379[/db]')
    .requiredOption('--partitions <n>', 'how many partitions (jobs) to cut the run into')
    .addOption(new Option('--mode <mode>', "'sync' applies the changes, 'diff' only computes them").choices(['diff', 'sync']).default('sync'))
    .option('--flags <flags>', 'DiffSyncFlags, comma-separated')
    .option('--attempts <n>', 'tries per partition, the first included (then it is reported as failed, exit 3)', '3')
    .addOption(new Option('-f, --format <format>', 'with --mode diff: print the merged diff of the partitions in this format').choices([...REPORT_FORMATS]))
    .option('-o, --out <file>', 'with --mode diff: write that report to a file (the summary goes to stdout)')
    .option('--queue <name>', 'queue name', DEFAULT_QUEUE)
    .action(async (opts: RunCommandOptions) => setExit(await runCommand(opts, io)));

  program
    .command('table-diff')
    .description('compare one table of two databases by segment checksums (@diffsync/sql diffTables); --repair makes the target like the source')
    .argument('<source-url>', 'source database URL: postgresql://…, mysql://…, sqlite:file.db')
    .argument('<target-url>', 'target database URL')
    .requiredOption('--table <table>', 'the table (name or namespace.name)')
    .option('--target-table <table>', "the table's name on the target, when it differs")
    .option('--key <columns>', 'key columns, comma-separated (default: the primary key)')
    .option('--columns <columns>', 'columns to compare, comma-separated (default: all)')
    .option('--where <condition>', 'an SQL condition both sides are filtered by')
    .option('--segments <n>', 'segments per split (default 32)')
    .option('--threads <n>', 'connections per side working in parallel (default 1)')
    .option('--server-parallel', 'let PostgreSQL add its own parallel workers to the checksum queries (default: off, the diff parallelises by --threads)')
    .option('--repair', 'apply the diff to the target in one transaction')
    .addOption(formatOption())
    .option('-o, --out <file>', 'write the report to a file instead of stdout')
    .option('--exit-code', 'exit with 1 when the tables differ (and --repair is not given)')
    .option('-q, --quiet', 'no statistics line on stderr')
    .action(async (source: string, target: string, opts: TableDiffCommandOptions) => setExit(await tableDiffCommand(source, target, opts, io)));
  return program;
}

function describeError(error: unknown, verbose: boolean): string {
  if (error instanceof CliError || error instanceof DiffSyncError) {
    return `diffsync: ${error.message}${verbose && error.stack ? `\n${error.stack}` : ''}`;
  }
  const e = error as Error;
  return `diffsync: ${e?.name ?? 'Error'}: ${e?.message ?? String(error)}${verbose && e?.stack ? `\n${e.stack}` : ''}`;
}

/** Run the command line with `argv` (without node and script); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  let code: number = ExitCode.OK;
  const program = buildProgram(io, (c) => (code = c));
  program.exitOverride();
  for (const cmd of program.commands) {
    cmd.exitOverride();
    for (const sub of cmd.commands) sub.exitOverride();
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return ExitCode.OK;
      // commander already printed the message
      return error.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
    }
    const verbose = argv.some((a) => /^-v+$|^--verbose$/.test(a));
    io.stderr.write(describeError(error, verbose) + '\n');
    return error instanceof CliError ? error.exitCode : ExitCode.FAILED;
  }
}
