import type { CheckResult, GateReport, ThrottleData } from '../../domain/result.ts';
import { esc, fmt } from './escape.ts';
import { isThrottleData, kindPill, op, section, stagePill, statusPill } from './shared.ts';
import { msLabel, niceMax, r, tickLabel, ticks } from './svg.ts';

const W = 720;
const H = 220;
const M = { l: 44, r: 16, t: 14, b: 30 };

/** One card per throttle check that recorded a timeline: accepted vs 429 per time slice, declared vs estimated. */
export function throttleHtml(report: GateReport): string {
  const cards = report.checks.filter((c) => isThrottleData(c.data)).map((c) => card(c, c.data as ThrottleData));
  if (!cards.length) return '';
  return section('throttle', 'Throttling', `<div class="cards">${cards.join('\n')}</div>`, legend());
}

function card(check: CheckResult, data: ThrottleData): string {
  const accepted = data.timeline.reduce((n, s) => n + s.accepted, 0);
  const throttled = data.timeline.reduce((n, s) => n + s.throttled, 0);
  return `<article class="card throttle-card s-${check.status}">
<header class="card-head">${statusPill(check.status)}${stagePill(check.stage)}${kindPill(check.kind)}${op(check.operation)}</header>
<div class="throttle-grid">
${timelineSvg(data)}
<dl class="figures">
  ${figure('rate (req/s)', data.declared.rate, data.estimated?.rate)}
  ${figure('burst', data.declared.burst, data.estimated?.burst)}
  <div><dt>requests</dt><dd>${data.requests}</dd><dd class="sub">${accepted} accepted · ${throttled} throttled</dd></div>
</dl>
</div>
${check.status === 'failed' ? `<p class="card-foot fail">expected ${esc(check.expected)}; actual ${esc(check.actual)}</p>` : `<p class="card-foot">${esc(check.actual)}</p>`}
</article>`;
}

function figure(label: string, declared: number, estimated: number | undefined): string {
  const delta = estimated === undefined || !declared ? '' : ((estimated - declared) / declared) * 100;
  const deltaText = delta === '' ? '' : `<span class="delta ${Math.abs(delta) > 30 ? 'off' : ''}">${delta >= 0 ? '+' : ''}${delta.toFixed(0)}%</span>`;
  return `<div><dt>${label}</dt><dd><span class="declared" title="declared">${fmt(declared)}</span> <span class="vs">declared</span></dd><dd><span class="estimated" title="estimated">${fmt(estimated)}</span> <span class="vs">estimated</span> ${deltaText}</dd></div>`;
}

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
  const declaredPerSlice = (data.declared.rate * slice) / 1000;
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
  const rateLine =
    declaredPerSlice > 0
      ? `<line class="declared-line" x1="${M.l}" x2="${W - M.r}" y1="${r(y(declaredPerSlice))}" y2="${r(y(declaredPerSlice))}"/><text class="declared-label" x="${W - M.r - 4}" y="${r(y(declaredPerSlice) - 5)}" text-anchor="end">declared rate ${fmt(data.declared.rate)}/s</text>`
      : '';
  const label = `Requests per ${msLabel(slice)} slice: accepted vs throttled (429)`;
  return `<figure class="chart"><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(label)}" preserveAspectRatio="xMidYMid meet">${grid}${bars}${rateLine}<line class="axis-line" x1="${M.l}" x2="${W - M.r}" y1="${r(y(0))}" y2="${r(y(0))}"/>${xTicks}</svg><figcaption>${esc(label)}</figcaption></figure>`;
}

const legend = (): string =>
  `<div class="legend"><span class="sw b-acc"></span>accepted <span class="sw b-thr"></span>throttled (429) <span class="sw line"></span>declared rate</div>`;
