import type { Adapter } from '@diffsync/core';
import type { SiteRow, Workload } from './workload';
import { BenchAdapter, loadRows, makeWorkload } from './workload';

/** An adapter over generated rows of the benchmark workload. */
export class GeneratedAdapter extends BenchAdapter {
  constructor(
    private readonly rows: SiteRow[],
    name: string,
  ) {
    super({ name });
  }

  override async load(): Promise<void> {
    await loadRows(this, this.rows);
  }
}

let cached: { size: number; workload: Workload } | undefined;

/** The two sides of the workload of `size` models per side (built once per process). */
export function generatedPair(size: number): { source: Adapter; target: Adapter } {
  if (!cached || cached.size !== size) cached = { size, workload: makeWorkload(size) };
  return { source: new GeneratedAdapter(cached.workload.source, 'source'), target: new GeneratedAdapter(cached.workload.target, 'target') };
}

/** The text of a `diffsync.config.cjs` whose adapters `source` and `target` are the generated workload. */
export function generatedConfig(size: number): string {
  const module = JSON.stringify(__filename.replace(/\.ts$/, '.js'));
  return (
    `const { generatedPair } = require(${module});\n` +
    `const pair = () => generatedPair(${size});\n` +
    'module.exports = { adapters: { source: () => pair().source, target: () => pair().target } };\n'
  );
}
