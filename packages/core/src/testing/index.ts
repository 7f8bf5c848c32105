export { describeStoreConformance } from './store-conformance';
export type { StoreFactory, StoreConformanceOptions } from './store-conformance';
export { describeStoreConvergence, DEFAULT_CONVERGENCE_SEED } from './store-convergence';
export type { ConvergenceStoreFactory, StoreConvergenceOptions } from './store-convergence';
export type { ConvergenceValueKind } from './convergence-values';
