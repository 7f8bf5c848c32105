import { SchemaError } from '../errors';
import type { DialectName, SqlDialect } from '../schema/dialect';
import { MysqlDialect } from './mysql/mysql-dialect';
import { PostgresDialect } from './postgresql/pg-dialect';
import { SqliteDialect } from './sqlite/sqlite-dialect';

const DIALECTS: Record<DialectName, () => SqlDialect> = {
  postgresql: () => new PostgresDialect(),
  mysql: () => new MysqlDialect(),
  sqlite: () => new SqliteDialect(),
};

/**
 * The dialect named `name`.
 *
 * @throws {@link SchemaError} when no dialect has that name.
 */
export function getDialect(name: string): SqlDialect {
  const make = DIALECTS[name as DialectName];
  if (!make) throw new SchemaError(`Unknown SQL dialect '${name}': use 'postgresql', 'mysql' or 'sqlite'.`);
  return make();
}
