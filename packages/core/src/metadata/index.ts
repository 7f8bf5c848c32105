export * from './model-args';
export * from './model-metadata';
export { getModelMetadata } from './metadata-builder';
