import { CliUsageError } from '../errors';
import { renderHtml } from './html-report';
import { renderJson } from './json-report';
import { renderMarkdown } from './markdown-report';
import type { ReportInput } from './report-input';
import { renderText } from './text-report';

/** The report formats. */
export const REPORT_FORMATS = ['text', 'json', 'markdown', 'html'] as const;
/** One of {@link REPORT_FORMATS}: `text`, `json`, `markdown` or `html`. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Check a `--format` value; CliUsageError listing the formats allowed. */
export function parseFormat(value: string, allowed: readonly ReportFormat[] = REPORT_FORMATS): ReportFormat {
  if ((allowed as readonly string[]).includes(value)) return value as ReportFormat;
  throw new CliUsageError(`Unknown --format "${value}"; use one of: ${allowed.join(', ')}.`);
}

/**
 * Render a diff (and a sync's failures) in one of the report formats: `text` (Diff.str()
 * and a summary line), `json` (diff.toJSON()), `markdown` (counts table and nested lists)
 * or `html` (one self-contained page).
 */
export function renderReport(format: ReportFormat, input: ReportInput): string {
  switch (format) {
    case 'text':
      return renderText(input);
    case 'json':
      return renderJson(input);
    case 'markdown':
      return renderMarkdown(input);
    case 'html':
      return renderHtml(input);
  }
}
