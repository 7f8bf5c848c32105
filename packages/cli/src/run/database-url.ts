import { isAbsolute, resolve } from 'node:path';

/** A `--from` / `--to` value (or a `table-diff` argument) that names a database rather than an adapter of the config. */
const DATABASE_URL_PATTERN = /^(postgres(ql)?|mysql|mariadb):\/\/|^sqlite:./i;

/** The URL forms the command line accepts, for messages. */
export const DATABASE_URL_FORMS = 'postgresql://user@host:5432/db, mysql://user@host:3306/db or sqlite:file.db';

/** Whether `value` is a database URL: `postgresql://…`, `postgres://…`, `mysql://…`, `mariadb://…` or `sqlite:…`. */
export function isDatabaseUrl(value: string): boolean {
  return DATABASE_URL_PATTERN.test(value);
}

/** The file a `sqlite:` URL names (`undefined` for other URLs and for `sqlite::memory:`). */
export function sqliteFile(url: string): string | undefined {
  if (!/^sqlite:/i.test(url)) return undefined;
  let file = url.slice('sqlite:'.length);
  if (file.startsWith('//')) file = file.slice(2);
  return file === ':memory:' || file === '' ? undefined : file;
}

/** The URL to connect with: a relative `sqlite:` file is resolved against the working directory `cwd`. */
export function resolveDatabaseUrl(url: string, cwd: string): string {
  const file = sqliteFile(url);
  return file !== undefined && !isAbsolute(file) ? `sqlite:${resolve(cwd, file)}` : url;
}
