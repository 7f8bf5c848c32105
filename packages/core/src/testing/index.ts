export { describeStoreConformance } from './store-conformance';
export type { StoreFactory, StoreConformanceOptions } from './store-conformance';
