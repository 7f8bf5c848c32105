import type { ReportInput } from './report-input';
import { failureLines, summaryLine } from './report-input';

/** `Diff.str()`, then the summary line, then (after a sync) one line per failed element. */
export function renderText(input: ReportInput): string {
  const failures = input.failures ?? [];
  const lines = [input.diff.str(), summaryLine(input.diff.summary(), failures.length)];
  if (failures.length > 0) lines.push(`failed elements (${failures.length}):`, ...failureLines(failures).map((l) => `  ${l}`));
  return lines.join('\n') + '\n';
}
