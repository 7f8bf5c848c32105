import { ModelClass } from '@diffsync/core';
import { DialectName } from '../dialects/dialect';
import { getDialect } from '../dialects';
import { buildSchemaSpec } from './table-spec';

export interface GenerateSchemaOptions {
  dialect: DialectName;
}

/** The DDL that creates the tables of `models` on an empty database (no database needed). */
export function generateSchema(models: readonly ModelClass[], options: GenerateSchemaOptions): string {
  const dialect = getDialect(options.dialect);
  const statements = dialect.createSchemaStatements(buildSchemaSpec(models));
  return statements.map((s) => `${s};\n`).join('\n');
}
