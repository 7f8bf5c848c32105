import type { Queue } from 'bullmq';
import { Job } from 'bullmq';
import { jobIdOfKey, parseJobId } from './job-ids';
import { addSummary, emptySummary } from './summary';
import type { FailedPartition, PartitionJobResult, PartitionResult, RunJobData, RunJobResult } from './types';

/** Error of a partition dropped by `cancel()` before any worker started it. */
export const CANCELLED = 'cancelled before it started';

/**
 * The parent job's work, once BullMQ released it (every partition completed, failed for
 * good or was cancelled): read the children's results from the parent's dependencies
 * (`getChildrenValues`, `getIgnoredChildrenFailures`) and sum them. Diffs stay in the
 * children's values; the process that calls `done()` reads them from there.
 */
export async function collectRun(job: Job<RunJobData>, queue: Queue): Promise<RunJobResult> {
  const { count } = job.data;
  const values = await job.getChildrenValues<PartitionJobResult>();
  const failures = await job.getIgnoredChildrenFailures();
  const byIndex = new Map<number, PartitionResult>();
  for (const value of Object.values(values)) {
    byIndex.set(value.index, { index: value.index, summary: value.summary, attempts: value.attempts, ms: value.ms });
  }
  const failedByIndex = new Map<number, FailedPartition>();
  for (const [key, error] of Object.entries(failures)) {
    const id = jobIdOfKey(key);
    const parsed = parseJobId(id);
    if (!parsed || parsed.kind !== 'partition') continue;
    const index = parsed.index;
    const child = await Job.fromId(queue, id);
    failedByIndex.set(index, { index, error, attempts: child ? Math.max(child.attemptsMade, child.attemptsStarted) : 0 });
  }
  const partitions: PartitionResult[] = [];
  const failed: FailedPartition[] = [];
  const summary = emptySummary();
  for (let index = 0; index < count; index++) {
    const done = byIndex.get(index);
    if (done) {
      partitions.push(done);
      addSummary(summary, done.summary);
      continue;
    }
    failed.push(failedByIndex.get(index) ?? { index, error: CANCELLED, attempts: 0 });
  }
  return { summary, partitions, failed };
}
