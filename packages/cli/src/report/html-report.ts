import { buildHtmlData, scriptSafeJson } from './html-data';
import { REPORT_CSS, REPORT_SCRIPT } from './html-assets';
import type { ReportInput } from './report-input';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * One self-contained HTML page (inline CSS and script, no network request, works from
 * file:// offline): summary, counts per model type and action, filters per action, a
 * "failed only" filter after a sync with failures, a text search, and a tree grouped by
 * model whose rows are built only when their group is opened. Every value is inserted
 * as text (never as markup).
 */
export function renderHtml(input: ReportInput): string {
  const data = buildHtmlData(input);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // No request can leave the page, whatever the data holds.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(data.title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<main id="app"><p id="loading">Loading report…</p></main>',
    `<script type="application/json" id="report-data">${scriptSafeJson(data)}</script>`,
    `<script>${REPORT_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
