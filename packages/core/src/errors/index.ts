export * from './diffsync-error';
export * from './store-errors';
export * from './crud-errors';
export * from './diff-errors';
export * from './definition-errors';
