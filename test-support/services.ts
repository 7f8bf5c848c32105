/** Where the tests find their services (see test-support/global-setup.js). */
export function redisUrl(): string {
  const url = process.env.REDIS_URL;
  if (!url) throw new Error(process.env.DIFFSYNC_REDIS_UNAVAILABLE ?? 'REDIS_URL is not set and no Redis was found.');
  return url;
}

export function postgresUrl(): string {
  return process.env.PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
}

export function mysqlUrl(): string {
  return process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
}

/** A short unique id for keys, schemas and databases of one test. */
export function uniqueId(prefix = 't'): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}
