import type { ModelClass } from '@diffsync/core';
import type { DialectName } from '../schema/dialect';
import { getDialect } from '../dialects';
import { checkSchemaNames } from '../schema/name-limits';
import { buildSchemaSpec } from '../schema/table-spec';
import { initialLookupFills } from './lookup-fill';

/** Options of {@link generateSchema}. */
export interface GenerateSchemaOptions {
  /** The dialect whose DDL to write. */
  dialect: DialectName;
}

/** The DDL that creates the tables of `models` on an empty database (no database needed). */
export function generateSchema(models: readonly ModelClass[], options: GenerateSchemaOptions): string {
  const dialect = getDialect(options.dialect);
  const schema = buildSchemaSpec(models, { lookups: true });
  checkSchemaNames(dialect.name, schema);
  const statements = [...dialect.createSchemaStatements(schema), ...initialLookupFills(dialect, schema)];
  return statements.map((s) => `${s};\n`).join('\n');
}
