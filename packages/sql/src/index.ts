export { SqlConnectionError, SchemaError, QueryError } from './errors';
export { Table, Column } from './metadata/decorators';
export type { TableOptions, ColumnOptions, SqlType, EnumSource, StructField, StructFieldType } from './metadata/decorators';
export type { StructFieldSpec } from './schema/struct-fields';
export { buildSchemaSpec, tableSpecOf } from './schema/table-spec';
export type { SchemaSpec, TableSpec, ColumnSpec, KeySpec, ForeignKeySpec } from './schema/table-spec';
export { generateSchema } from './schema-sync/generate';
export type { GenerateSchemaOptions } from './schema-sync/generate';
export type { DialectName, SqlDialect, PhysicalName } from './schema/dialect';
export { getDialect } from './dialects';
export { connect, Connection } from './connection/connection';
export type { ConnectOptions } from './connection/open';
export type { Row } from './session/driver';
export { redactUrl } from './session/url';
export type { RowObject, RowSource } from './rows/batches';
export type { UpsertOptions, SelectOptions } from './rows/row-ops';
export { SchemaPlan } from './schema/schema-plan';
export type { PlanOptions } from './schema/schema-plan';
export type {
  Catalog,
  CatalogTable,
  CatalogColumn,
  CatalogKey,
  CatalogForeignKey,
  CatalogCheck,
  CatalogEnum,
  CatalogStruct,
  DiscoverOptions,
} from './schema/catalog';
export { SqlAdapter } from './adapter/sql-adapter';
export type { SqlAdapterOptions } from './adapter/sql-adapter';
export { defineModel } from './catalog-models/define-model';
export type { ModelDefinition, FieldDefinition, ChildDefinition } from './catalog-models/define-model';
export { modelsFromCatalog } from './catalog-models/models-from-catalog';
export { roundingCheck } from './catalog-models/column-fit';
export type { CatalogTableRef } from './catalog-models/column-fit';
export type { CatalogModelOptions, CatalogModels } from './catalog-models/models-from-catalog';
export { diffTables } from './table-diff/diff-tables';
export type { DiffTablesOptions, TableDiffResult } from './table-diff/diff-tables';
export type { TableDiffStats } from './table-diff/segments';
export { TableDiffError } from './table-diff/errors';
export type { TupleRowsOptions, TupleKeysOptions } from './tuples/tuple-ops';
export type { TupleTypes } from './tuples/tuple-model';
export type { TupleColumnType } from './tuples/catalog-types';
