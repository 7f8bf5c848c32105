import type { ColumnSpec } from './table-spec';

/** The value existing rows get when a NOT NULL column without a default is added. */
export function backfillValue(column: ColumnSpec, dialect: string): string | number | boolean {
  if (column.default !== undefined) return column.default;
  switch (column.type) {
    case 'integer':
    case 'bigint':
    case 'smallint':
    case 'double':
    case 'real':
    case 'decimal':
      return 0;
    case 'boolean':
      return false;
    case 'timestamp':
      return dialect === 'mysql' ? '1970-01-01 00:00:00' : '1970-01-01T00:00:00.000Z';
    case 'date':
      return '1970-01-01';
    case 'json':
      // An array property must read back as an array: `[]`, not `{}`.
      return column.jsonShape === 'array' ? '[]' : '{}';
    case 'uuid':
      return '00000000-0000-0000-0000-000000000000';
    case 'enum':
      return (column.enumValues as string[])[0];
    case 'struct':
      // Every field NULL: `(,)` as a composite, `{}` as JSON.
      return dialect === 'postgresql' ? `(${','.repeat((column.structFields?.length ?? 1) - 1)})` : '{}';
    default:
      return '';
  }
}
