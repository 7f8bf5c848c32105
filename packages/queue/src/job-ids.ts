/**
 * Job ids of a run: `<runId>_run` for the parent, `<runId>_p<index>` for the partitions
 * (BullMQ refuses ':' and integer ids). A run's jobs are found from its id alone.
 */
export function runJobId(runId: string): string {
  return `${runId}_run`;
}

export function partitionJobId(runId: string, index: number): string {
  return `${runId}_p${index}`;
}

export type ParsedJobId = { runId: string; kind: 'run' } | { runId: string; kind: 'partition'; index: number };

export function parseJobId(jobId: string): ParsedJobId | undefined {
  const partition = /^(.+)_p(\d+)$/.exec(jobId);
  if (partition) return { runId: partition[1], kind: 'partition', index: Number(partition[2]) };
  const run = /^(.+)_run$/.exec(jobId);
  if (run) return { runId: run[1], kind: 'run' };
  return undefined;
}

/** `bull:inventory:<jobId>` → `<jobId>` */
export function jobIdOfKey(key: string): string {
  return key.slice(key.lastIndexOf(':') + 1);
}
