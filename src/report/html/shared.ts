import type { CheckResult, CheckStatus, CoverageData, Evidence, LoadData, ThrottleData } from '../../domain/result.ts';
import { esc } from './escape.ts';

const STATUS_LABEL: Record<CheckStatus, string> = { passed: 'passed', failed: 'failed', skipped: 'skipped' };

export const statusPill = (status: CheckStatus): string => `<span class="pill s-${status}">${STATUS_LABEL[status]}</span>`;
export const stagePill = (stage: string): string => `<span class="tag stage">${esc(stage)}</span>`;
export const kindPill = (kind: string): string => `<span class="tag kind">${esc(kind)}</span>`;
export const op = (operation: string): string => `<code class="op">${esc(operation)}</code>`;

export const section = (id: string, title: string, body: string, aside = ''): string =>
  `<section id="${id}" class="panel"><header class="panel-head"><h2>${title}</h2>${aside}</header>${body}</section>`;

export const isThrottleData = (d: CheckResult['data']): d is ThrottleData => !!d && (d as { type?: unknown }).type === 'throttle';
export const isCoverageData = (d: CheckResult['data']): d is CoverageData => !!d && (d as { type?: unknown }).type === 'throttle-coverage';
export const isLoadData = (d: CheckResult['data']): d is LoadData => !!d && (d as { type?: unknown }).type === 'load';

/** A header map as a two-column list. */
const headerList = (headers: Record<string, string> | undefined, dir: '>' | '<'): string =>
  Object.entries(headers ?? {})
    .map(([k, v]) => `<div class="h"><span class="dir">${dir}</span><span class="hk">${esc(k)}:</span> <span class="hv">${esc(v)}</span></div>`)
    .join('');

/** One request/response exchange: request line, headers, status, body excerpt, note. */
export function evidenceHtml(e: Evidence, index: number, total: number): string {
  const status =
    e.status === undefined ? '<span class="status none">no response</span>' : `<span class="status c${Math.floor(e.status / 100)}">${e.status}</span>`;
  const timing = e.durationMs === undefined ? '' : `<span class="muted">${Math.round(e.durationMs)} ms</span>`;
  const body = e.bodyExcerpt ? `<pre class="body">${esc(e.bodyExcerpt)}</pre>` : '';
  const note = e.note ? `<p class="note">${esc(e.note)}</p>` : '';
  return `<div class="evidence">
  <div class="ev-head"><span class="muted">${total > 1 ? `exchange ${index + 1} of ${total}` : 'exchange'}</span>${timing}</div>
  <div class="req"><code>${esc(e.request)}</code> <span class="arrow">→</span> ${status}</div>
  <div class="headers">${headerList(e.requestHeaders, '>')}${headerList(e.responseHeaders, '<')}</div>
  ${body}${note}
</div>`;
}

export const expectedActual = (c: CheckResult): string =>
  `<div class="ea"><div><span class="label">expected</span><p>${esc(c.expected)}</p></div><div class="actual s-${c.status}"><span class="label">actual</span><p>${esc(c.actual)}</p></div></div>`;
