export * from './sync-logger';
export * from './console';
