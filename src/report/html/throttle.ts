import type { CheckResult, CoverageData, GateReport, ThrottleData, WindowEstimateData } from '../../domain/result.ts';
import { windowMs } from '../../domain/limits.ts';
import { esc, fmt } from './escape.ts';
import { isCoverageData, isThrottleData, kindPill, op, section, stagePill, statusPill } from './shared.ts';
import { msLabel, niceMax, r, tickLabel, ticks } from './svg.ts';

const W = 720;
const H = 220;
const M = { l: 44, r: 16, t: 14, b: 30 };

/** One card per throttle check that recorded a timeline (declared vs estimated, in its limiter's model), and the coverage tables. */
export function throttleHtml(report: GateReport): string {
  const cards = report.checks.filter((c) => isThrottleData(c.data)).map((c) => card(c, c.data as ThrottleData));
  const coverage = report.checks.filter((c) => isCoverageData(c.data)).map((c) => coverageCard(c, c.data as CoverageData));
  if (!cards.length && !coverage.length) return '';
  return section('throttle', 'Throttling', `<div class="cards">${[...cards, ...coverage].join('\n')}</div>`, legend());
}

function card(check: CheckResult, data: ThrottleData): string {
  const accepted = data.timeline.reduce((n, s) => n + s.accepted, 0);
  const throttled = data.timeline.reduce((n, s) => n + s.throttled, 0);
  return `<article class="card throttle-card s-${check.status}">
<header class="card-head">${statusPill(check.status)}${stagePill(check.stage)}${kindPill(check.kind)}${op(check.operation)}</header>
<div class="throttle-grid">
${timelineSvg(data)}
<dl class="figures">
  <div><dt>model</dt><dd>${modelName(data)}</dd></div>
  ${figures(data)}
  <div><dt>requests</dt><dd>${data.requests}</dd><dd class="sub">${accepted} accepted · ${throttled} throttled</dd></div>
</dl>
</div>
${check.status === 'failed' ? `<p class="card-foot fail">expected ${esc(check.expected)}; actual ${esc(check.actual)}</p>` : `<p class="card-foot">${esc(check.actual)}</p>`}
</article>`;
}

const modelName = (data: ThrottleData): string => ('limit' in data.declared ? `${data.declared.kind} window` : 'token bucket');

function figures(data: ThrottleData): string {
  const d = data.declared;
  if (!('limit' in d)) {
    const e = data.estimated as { rate?: number; burst?: number } | undefined;
    return `${figure('rate (req/s)', d.rate, e?.rate)}\n  ${figure('burst', d.burst, e?.burst)}`;
  }
  const e = data.estimated as WindowEstimateData | undefined;
  return `${figure('per window', d.limit, e?.perWindow)}\n  ${figure(`window (${d.window})`, windowMs(d.window) / 1000, e?.windowMs === undefined ? undefined : e.windowMs / 1000, 's')}`;
}

function figure(label: string, declared: number, estimated: number | undefined, unit = ''): string {
  const delta = estimated === undefined || !declared ? '' : ((estimated - declared) / declared) * 100;
  const deltaText = delta === '' ? '' : `<span class="delta ${Math.abs(delta) > 30 ? 'off' : ''}">${delta >= 0 ? '+' : ''}${delta.toFixed(0)}%</span>`;
  return `<div><dt>${esc(label)}</dt><dd><span class="declared" title="declared">${fmt(declared)}${unit}</span> <span class="vs">declared</span></dd><dd><span class="estimated" title="estimated">${estimated === undefined ? fmt(estimated) : `${fmt(estimated)}${unit}`}</span> <span class="vs">estimated</span> ${deltaText}</dd></div>`;
}

/** throttle.coverage: each limiter and its operations, covered or not, then the operations left out and why. */
function coverageCard(check: CheckResult, data: CoverageData): string {
  const rows = data.groups.flatMap((g) =>
    g.operations.map(
      (o) =>
        `<tr class="s-${o.covered ? 'passed' : 'failed'}"><td>${op(o.operation)}</td><td>${esc(g.limiter)}</td><td>${esc(describe(g.declared))}</td><td>${o.covered ? 'covered' : 'not refused'}</td><td>${o.accepted} accepted · ${o.throttled} throttled${o.note ? ` (${esc(o.note)})` : ''}</td></tr>`,
    ),
  );
  const left = data.notCovered.map((n) => `<tr class="s-skipped"><td>${op(n.operation)}</td><td colspan="3">not covered</td><td>${esc(n.reason)}</td></tr>`);
  return `<article class="card throttle-card s-${check.status}">
<header class="card-head">${statusPill(check.status)}${stagePill(check.stage)}${kindPill(check.kind)}<span class="muted">${data.requests} requests</span></header>
<div class="table-wrap"><table class="plain coverage"><thead><tr><th>operation</th><th>limiter</th><th>declared</th><th>verdict</th><th>answers</th></tr></thead><tbody>${[...rows, ...left].join('')}</tbody></table></div>
${check.status === 'failed' ? `<p class="card-foot fail">expected ${esc(check.expected)}; actual ${esc(check.actual)}</p>` : `<p class="card-foot">${esc(check.actual)}</p>`}
</article>`;
}

const describe = (d: CoverageData['groups'][number]['declared']): string =>
  'limit' in d ? `${d.limit} per ${d.window} (${d.kind})` : `${d.rate}/s, burst ${d.burst}`;

/** Stacked bars per slice (accepted below, 429 above) and the declared rate as a dashed line. */
function timelineSvg(data: ThrottleData): string {
  const slices = [...data.timeline].sort((a, b) => a.tMs - b.tMs);
  if (!slices.length) return '<p class="empty">No timeline recorded.</p>';
  const gaps = slices
    .slice(1)
    .map((s, i) => s.tMs - (slices[i]?.tMs ?? 0))
    .filter((g) => g > 0)
    .sort((a, b) => a - b);
  const slice = gaps[Math.floor(gaps.length / 2)] ?? 1000;
  const t0 = slices[0]?.tMs ?? 0;
  const span = (slices[slices.length - 1]?.tMs ?? 0) - t0 + slice;
  const declaredRate = 'limit' in data.declared ? (data.declared.limit * 1000) / windowMs(data.declared.window) : data.declared.rate;
  const declaredPerSlice = (declaredRate * slice) / 1000;
  const yMax = niceMax(Math.max(...slices.map((s) => s.accepted + s.throttled), declaredPerSlice));
  const iw = W - M.l - M.r;
  const ih = H - M.t - M.b;
  const x = (t: number): number => M.l + ((t - t0) / span) * iw;
  const y = (v: number): number => M.t + ih - (v / yMax) * ih;
  const bw = Math.min(56, Math.max(1, (slice / span) * iw * 0.78));
  const bars = slices
    .map((s) => {
      const bx = r(x(s.tMs) + ((slice / span) * iw - bw) / 2);
      const title = `<title>${msLabel(s.tMs - t0)}: ${s.accepted} accepted, ${s.throttled} throttled (429)</title>`;
      const acc = s.accepted ? `<rect class="b-acc" x="${bx}" y="${r(y(s.accepted))}" width="${r(bw)}" height="${r(y(0) - y(s.accepted))}"/>` : '';
      const thr = s.throttled
        ? `<rect class="b-thr" x="${bx}" y="${r(y(s.accepted + s.throttled))}" width="${r(bw)}" height="${r(y(s.accepted) - y(s.accepted + s.throttled))}"/>`
        : '';
      return `<g>${title}${acc}${thr}</g>`;
    })
    .join('');
  const grid = ticks(yMax)
    .map(
      (v) =>
        `<line class="grid" x1="${M.l}" x2="${W - M.r}" y1="${r(y(v))}" y2="${r(y(v))}"/><text class="axis" x="${M.l - 6}" y="${r(y(v) + 4)}" text-anchor="end">${tickLabel(v)}</text>`,
    )
    .join('');
  const xTicks = ticks(span, Math.min(6, slices.length))
    .map((t) => `<text class="axis" x="${r(x(t0 + t))}" y="${H - 10}" text-anchor="middle">${msLabel(t)}</text>`)
    .join('');
  const rateLabel =
    'limit' in data.declared ? `declared ${fmt(data.declared.limit)} per ${data.declared.window} (average)` : `declared rate ${fmt(data.declared.rate)}/s`;
  const rateLine =
    declaredPerSlice > 0
      ? `<line class="declared-line" x1="${M.l}" x2="${W - M.r}" y1="${r(y(declaredPerSlice))}" y2="${r(y(declaredPerSlice))}"/><text class="declared-label" x="${W - M.r - 4}" y="${r(y(declaredPerSlice) - 5)}" text-anchor="end">${esc(rateLabel)}</text>`
      : '';
  // A window limiter's resets (when it let requests through again): the window boundaries the probe saw.
  const resets = ((data.estimated as WindowEstimateData | undefined)?.resetsMs ?? [])
    .filter((t) => t >= 0 && t <= span)
    .map((t) => `<line class="reset-line" x1="${r(x(t0 + t))}" x2="${r(x(t0 + t))}" y1="${M.t}" y2="${r(y(0))}"><title>reset at ${msLabel(t)}</title></line>`)
    .join('');
  const label = `Requests per ${msLabel(slice)} slice: accepted vs throttled (429)`;
  return `<figure class="chart"><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(label)}" preserveAspectRatio="xMidYMid meet">${grid}${bars}${rateLine}${resets}<line class="axis-line" x1="${M.l}" x2="${W - M.r}" y1="${r(y(0))}" y2="${r(y(0))}"/>${xTicks}</svg><figcaption>${esc(label)}</figcaption></figure>`;
}

const legend = (): string =>
  `<div class="legend"><span class="sw b-acc"></span>accepted <span class="sw b-thr"></span>throttled (429) <span class="sw line"></span>declared rate <span class="sw reset"></span>window reset</div>`;
