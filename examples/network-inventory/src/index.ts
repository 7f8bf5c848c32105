export * from './models';
export * from './backends';
export * from './alphabetical-diff';
export { runDemo } from './demo';
export type { DemoOptions, DemoResult } from './demo';
