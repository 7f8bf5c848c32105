import { dirname, extname, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { ModelClass } from '@diffsync/core';
import { CliUsageError, ExitCode } from '../errors';
import { installTypeScriptHook } from '../config/ts-require-hook';
import { coreFor } from '../run/session';
import type { CliIO } from '../run/options';
import { DATABASE_URL_FORMS, isDatabaseUrl } from '../run/database-url';
import { loadSql } from '../run/sql-module';

export interface SchemaCommandOptions {
  url: string;
  models: string;
  allowDrop?: boolean;
}

const MODEL_ARGS_KEY = Symbol.for('@diffsync/model');
const importModule = new Function('url', 'return import(url)') as (url: string) => Promise<Record<string, unknown>>;

/** The `@Model` classes a module exports (named exports, or a default array). */
async function loadModels(cwd: string, spec: string): Promise<ModelClass[]> {
  const file = resolve(cwd, spec);
  if (!existsSync(file)) throw new CliUsageError(`--models ${spec}: ${file} does not exist.`);
  let mod: Record<string, unknown>;
  try {
    const ext = extname(file);
    if (ext === '.ts' || ext === '.mts' || ext === '.cts') {
      installTypeScriptHook(dirname(file), file);
      mod = require(file) as Record<string, unknown>;
    } else {
      mod = await importModule(pathToFileURL(file).href);
    }
  } catch (error) {
    if (error instanceof CliUsageError) throw error;
    throw new CliUsageError(`--models ${spec}: could not load ${file}: ${(error as Error).message}`, { cause: error });
  }
  const core = coreFor(file);
  const candidates: unknown[] = [];
  for (const [name, value] of Object.entries(mod)) {
    if (name === 'default' && Array.isArray(value)) candidates.push(...(value as unknown[]));
    else if (name === 'default' && value && typeof value === 'object') candidates.push(...Object.values(value as Record<string, unknown>));
    else candidates.push(value);
  }
  const isModel = (v: unknown): v is ModelClass =>
    typeof v === 'function' && v.prototype instanceof core.DiffSyncModel && Reflect.getOwnMetadata(MODEL_ARGS_KEY, v) !== undefined;
  const models = [...new Set(candidates.filter(isModel))];
  if (models.length === 0) {
    throw new CliUsageError(`--models ${spec}: ${file} exports no @Model classes (export them by name, or export default [ModelA, ModelB]).`);
  }
  return models;
}

/** `diffsync schema plan|apply`: print the SQL of planSchema, or run syncSchema. */
export async function schemaCommand(mode: 'plan' | 'apply', options: SchemaCommandOptions, io: CliIO): Promise<number> {
  const sql = loadSql(io.cwd);
  const models = await loadModels(io.cwd, options.models);
  if (!isDatabaseUrl(options.url)) {
    throw new CliUsageError(`--url '${sql.redactUrl(options.url)}' is not a database URL: use ${DATABASE_URL_FORMS}.`);
  }
  const db = await sql.connect(options.url);
  try {
    const planOptions = { allowDrop: options.allowDrop === true };
    const plan = mode === 'plan' ? await db.planSchema(models, planOptions) : await db.syncSchema(models, planOptions);
    const text = plan.toString();
    if (mode === 'plan') {
      if (text) io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    } else {
      io.stdout.write(
        plan.statements.length === 0
          ? `${sql.redactUrl(options.url)}: the schema is already in sync.\n`
          : `${text}${text.endsWith('\n') ? '' : '\n'}-- applied ${plan.statements.length} statement${plan.statements.length === 1 ? '' : 's'} to ${sql.redactUrl(options.url)}\n`,
      );
    }
    return ExitCode.OK;
  } finally {
    await db.close();
  }
}
