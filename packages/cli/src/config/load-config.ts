import { existsSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigInvalidError, ConfigNotFoundError } from '../errors';
import type { DiffsyncConfig } from './define-config';
import { installTypeScriptHook } from './ts-require-hook';

/** Config file names looked for in the working directory, in this order. */
export const CONFIG_FILE_NAMES = ['ts', 'mts', 'js', 'mjs', 'cjs'].map((ext) => `diffsync.config.${ext}`);

/** A loaded config and where it came from. */
export interface LoadedConfig {
  /** Absolute path of the config file that was loaded. */
  file: string;
  /** The configuration it exports. */
  config: DiffsyncConfig;
}

/** The config file to use: `--config`, else the first `diffsync.config.*` in `cwd`. */
export function findConfigFile(cwd: string, explicit?: string): string {
  if (explicit !== undefined) {
    const file = resolve(cwd, explicit);
    if (!existsSync(file)) throw new ConfigNotFoundError(`The config file ${file} (--config) does not exist.`);
    return file;
  }
  for (const name of CONFIG_FILE_NAMES) {
    const file = resolve(cwd, name);
    if (existsSync(file)) return file;
  }
  throw new ConfigNotFoundError(
    `No config file found: none of ${CONFIG_FILE_NAMES.join(', ')} is in ${cwd}. Create one ` +
      "(export default defineConfig({ adapters: { … } }) from '@diffsync/cli') or pass --config FILE.",
  );
}

// A real dynamic import() in this CommonJS build (TypeScript would turn import() into require()).
const importModule = new Function('url', 'return import(url)') as (url: string) => Promise<Record<string, unknown>>;

async function loadModule(file: string): Promise<unknown> {
  const ext = extname(file);
  // Also for JavaScript configs: they may require TypeScript models.
  installTypeScriptHook(dirname(file), basename(file));
  if (ext === '.ts' || ext === '.mts' || ext === '.cts') return require(file) as unknown;
  if (ext === '.cjs') return require(file) as unknown;
  return importModule(pathToFileURL(file).href);
}

function unwrapDefault(mod: unknown): unknown {
  let value = mod;
  // CommonJS output of `export default` (and import() of it) nests the config under default.
  for (let i = 0; i < 2 && value && typeof value === 'object' && 'default' in value && !('adapters' in value); i++) {
    value = value.default;
  }
  return value;
}

/** Check the shape of a loaded config; ConfigInvalidError naming what is wrong. */
export function checkConfig(value: unknown, file: string): DiffsyncConfig {
  if (!value || typeof value !== 'object') {
    throw new ConfigInvalidError(`${file} must export a config as its default export (export default defineConfig({ adapters: { … } })).`);
  }
  const config = value as Partial<DiffsyncConfig>;
  if (!config.adapters || typeof config.adapters !== 'object') {
    throw new ConfigInvalidError(`${file}: the config has no 'adapters' object (adapters: { name: () => new MyAdapter() }).`);
  }
  for (const [name, factory] of Object.entries(config.adapters)) {
    if (typeof factory !== 'function') {
      throw new ConfigInvalidError(`${file}: adapters.${name} must be a function that returns an adapter, got ${typeof factory}.`);
    }
  }
  if (config.validate !== undefined && typeof config.validate !== 'boolean') {
    throw new ConfigInvalidError(`${file}: 'validate' must be true or false.`);
  }
  return config as DiffsyncConfig;
}

/** Find and load the config (TypeScript without a build step). */
export async function loadConfig(cwd: string, explicit?: string): Promise<LoadedConfig> {
  const file = findConfigFile(cwd, explicit);
  let mod: unknown;
  try {
    mod = await loadModule(file);
  } catch (error) {
    if (error instanceof ConfigInvalidError) throw error;
    throw new ConfigInvalidError(`Could not load ${file}: ${(error as Error)?.message ?? String(error)}`, { cause: error });
  }
  return { file, config: checkConfig(unwrapDefault(mod), file) };
}
