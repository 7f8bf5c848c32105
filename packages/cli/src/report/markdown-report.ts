import type { DiffElement } from '@diffsync/core';
import { jsonText } from '../json-text';
import type { ReportFailure, ReportInput } from './report-input';
import { ACTIONS, actionOf, countsByType, elementKey, failureIndex, summaryLine } from './report-input';

/** Most list items a Markdown report holds (a pull-request comment is limited to 65,536 characters). */
export const MARKDOWN_LIST_LIMIT = 500;

/** A value as inline code that nothing can break out of (backticks, pipes, newlines, markup). */
export function mdCode(value: unknown, inTable = false): string {
  let text = typeof value === 'string' ? value : typeof value === 'bigint' ? value.toString() : value === undefined ? 'null' : (jsonText(value) ?? 'null');
  text = text.replace(/\r\n|\r|\n/g, '\\n');
  if (inTable) text = text.replace(/\|/g, '\\|');
  if (text === '') return '`""`';
  let fence = '`';
  while (text.includes(fence)) fence += '`';
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function changeText(el: DiffElement): string {
  const action = actionOf(el);
  if (action === 'update') {
    const diffs = el.getAttrsDiffs();
    const plus = diffs['+'] ?? {};
    const minus = diffs['-'] ?? {};
    const parts = Object.keys(plus).map((k) => `${mdCode(k)}: ${mdCode(minus[k])} → ${mdCode(plus[k])}`);
    return parts.length ? ` — ${parts.join(', ')}` : '';
  }
  const attrs = action === 'create' ? el.sourceAttrs : action === 'delete' ? el.destAttrs : undefined;
  if (!attrs) return '';
  const parts = Object.entries(attrs).map(([k, v]) => `${mdCode(k)}: ${mdCode(v)}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/**
 * A counts table per model type and nested lists of the changes (unchanged parents stay as
 * context), fit for a pull-request comment. Lists stop after MARKDOWN_LIST_LIMIT items.
 */
export function renderMarkdown(input: ReportInput): string {
  const diff = input.diff;
  const failures = input.failures ?? [];
  const failedAt = failureIndex(failures);
  const out: string[] = [];
  out.push(`## ${input.title ? input.title.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c] as string) : 'diffsync report'}`, '');
  out.push(`**${summaryLine(diff.summary(), failures.length)}**`, '');
  const withFailed = failures.length > 0;
  out.push(`| model | ${ACTIONS.join(' | ')}${withFailed ? ' | failed' : ''} |`);
  out.push(`|---|${ACTIONS.map(() => '---:').join('|')}|${withFailed ? '---:|' : ''}`);
  const failedByType = new Map<string, number>();
  for (const f of failures) failedByType.set(f.type, (failedByType.get(f.type) ?? 0) + 1);
  for (const [type, counts] of countsByType(diff)) {
    const cells = ACTIONS.map((a) => String(counts[a]));
    if (withFailed) cells.push(String(failedByType.get(type) ?? 0));
    out.push(`| ${mdCode(type, true)} | ${cells.join(' | ')} |`);
  }
  out.push('');

  let items = 0;
  let omitted = 0;
  const list: string[] = [];
  const visit = (elements: Iterable<DiffElement>, depth: number): void => {
    for (const el of elements) {
      if (!el.hasDiffs(true) && !failedAt.has(elementKey(el.type, el.keys))) continue;
      if (items >= MARKDOWN_LIST_LIMIT) {
        omitted += 1;
        visit(el.getChildren(), depth + 1);
        continue;
      }
      items += 1;
      const action = actionOf(el);
      const failure: ReportFailure | undefined = failedAt.get(elementKey(el.type, el.keys));
      const label =
        action === 'no-change' ? `${mdCode(el.type)} ${mdCode(el.name)} (unchanged)` : `**${action}** ${mdCode(el.type)} ${mdCode(el.name)}${changeText(el)}`;
      const failed = failure ? ` — ❌ ${failure.status}: ${mdCode(failure.message)}` : '';
      list.push(`${'  '.repeat(depth)}- ${label}${failed}`);
      visit(el.getChildren(), depth + 1);
    }
  };
  visit(diff.getChildren(), 0);
  if (list.length > 0) {
    out.push('### Changes', '', ...list);
    if (omitted > 0) out.push('', `… and ${omitted} more elements not listed (use \`--format html\` for the full report).`);
  } else {
    out.push('No changes.');
  }
  return out.join('\n') + '\n';
}
