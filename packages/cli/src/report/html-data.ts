import type { DiffElement } from '@diffsync/core';
import { jsonText } from '../json-text';
import type { ReportAction, ReportInput } from './report-input';
import { ACTIONS, elementKey, failureIndex, summaryLine } from './report-input';

const ACTION_CODE: Record<ReportAction, number> = { create: 0, update: 1, delete: 2, 'no-change': 3 };

/**
 * The data the HTML report embeds: elements in pre-order as columns (compact to write
 * and to parse at 100,000 elements). `p[i]` is the parent's index (-1 at the top);
 * `s[i]` / `d[i]` the source / destination attributes (0 when absent; an unchanged
 * element keeps only its source side, the two being equal).
 */
export interface HtmlReportData {
  title: string;
  summary: string;
  sourceName: string;
  destName: string;
  actions: readonly string[];
  types: string[];
  t: number[];
  n: string[];
  a: number[];
  p: number[];
  s: Array<Record<string, unknown> | 0>;
  d: Array<Record<string, unknown> | 0>;
  /** Failed elements: index → [status, message]. */
  f: Record<number, [string, string]>;
  failed: number;
}

/** Flatten a diff (and a sync's failures) into HtmlReportData. */
export function buildHtmlData(input: ReportInput): HtmlReportData {
  const failures = input.failures ?? [];
  const failed = failureIndex(failures);
  const typeIndex = new Map<string, number>();
  const data: HtmlReportData = {
    title: input.title ?? 'diffsync report',
    summary: summaryLine(input.diff.summary(), failures.length),
    sourceName: 'source',
    destName: 'dest',
    actions: ACTIONS,
    types: [],
    t: [],
    n: [],
    a: [],
    p: [],
    s: [],
    d: [],
    f: {},
    failed: failures.length,
  };
  let named = false;
  const visit = (elements: Iterable<DiffElement>, parent: number): void => {
    for (const el of elements) {
      if (!named) {
        data.sourceName = el.sourceName;
        data.destName = el.destName;
        named = true;
      }
      let t = typeIndex.get(el.type);
      if (t === undefined) {
        t = data.types.length;
        typeIndex.set(el.type, t);
        data.types.push(el.type);
      }
      const index = data.n.length;
      const action = el.action ?? 'no-change';
      data.t.push(t);
      data.n.push(el.name);
      data.a.push(ACTION_CODE[action]);
      data.p.push(parent);
      data.s.push(el.sourceAttrs ?? 0);
      data.d.push(action === 'no-change' && el.sourceAttrs !== undefined ? 0 : (el.destAttrs ?? 0));
      if (failed.size > 0) {
        const failure = failed.get(elementKey(el.type, el.keys));
        if (failure) data.f[index] = [failure.status, failure.message];
      }
      visit(el.getChildren(), index);
    }
  };
  visit(input.diff.getChildren(), -1);
  return data;
}

/**
 * JSON text safe inside a `<script>` element: every `<` (so `</script>` and `<!--`),
 * and the line separators U+2028/U+2029, become JSON escapes that parse to the same value.
 */
export function scriptSafeJson(value: unknown): string {
  return (jsonText(value) ?? 'null').replace(/[<\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
