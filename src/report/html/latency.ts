import type { CheckResult, GateReport, LoadData } from '../../domain/result.ts';
import { esc, fmt } from './escape.ts';
import { isLoadData, op, section, stagePill, statusPill } from './shared.ts';
import { niceMax, r } from './svg.ts';

type Row = NonNullable<LoadData['percentiles']>[number];
const PCTS = ['p50', 'p90', 'p95', 'p99'] as const;
const CW = 360;
const CH = 30;

/** Latency percentiles against SLOs per operation (per stage and scenario), and the k6 thresholds. */
export function latencyHtml(report: GateReport): string {
  const loadChecks = report.checks.filter((c) => c.kind === 'load.threshold' || isLoadData(c.data));
  if (!loadChecks.length) return '';
  const groups = new Map<string, { stage: string; scenario: string; rows: Map<string, Row> }>();
  for (const c of loadChecks) {
    if (!isLoadData(c.data) || !c.data.percentiles?.length) continue;
    const key = `${c.stage}\u0000${c.data.scenario}`;
    const group = groups.get(key) ?? { stage: c.stage, scenario: c.data.scenario, rows: new Map<string, Row>() };
    for (const row of c.data.percentiles) if (!group.rows.has(row.operation)) group.rows.set(row.operation, row);
    groups.set(key, group);
  }
  const tables = [...groups.values()].map((g) => percentileTable(g.stage, g.scenario, [...g.rows.values()])).join('\n');
  return section('latency', 'Latency and load', `${tables}${thresholdTable(loadChecks)}`, legend());
}

function percentileTable(stage: string, scenario: string, rows: Row[]): string {
  const max = niceMax(Math.max(1, ...rows.flatMap((row) => [...PCTS.map((p) => row[p] ?? 0), ...Object.values(row.slo ?? {})])) * 1.05);
  const body = rows
    .map((row) => {
      const cells = PCTS.map((p) => {
        const value = row[p];
        const slo = row.slo?.[p];
        const cls = value === undefined || slo === undefined ? '' : value > slo ? 'breach' : 'within';
        return `<td class="num ${cls}">${fmt(value)}${slo === undefined ? '' : `<span class="slo">/ ${fmt(slo)}</span>`}</td>`;
      }).join('');
      return `<tr><th scope="row">${op(row.operation)}</th><td class="bullet">${bullet(row, max)}</td>${cells}</tr>`;
    })
    .join('\n');
  return `<div class="lat-group"><h3>${stagePill(stage)} <span class="scenario">${esc(scenario)}</span> <span class="muted">latency in ms · value / SLO</span></h3>
<div class="table-wrap"><table class="lat"><thead><tr><th>operation</th><th class="bullet-h">0 – ${fmt(max)} ms</th>${PCTS.map((p) => `<th class="num">${p}</th>`).join('')}</tr></thead><tbody>
${body}
</tbody></table></div></div>`;
}

/** A bullet chart: nested bars p99 > p95 > p90 > p50, SLO ticks on top (red when breached). */
function bullet(row: Row, max: number): string {
  const x = (v: number): number => (Math.min(v, max) / max) * CW;
  const bars = [...PCTS]
    .reverse()
    .filter((p) => row[p] !== undefined)
    .map(
      (p) =>
        `<rect class="lb ${p}" x="0" y="${p === 'p50' ? 9 : 7}" width="${r(x(row[p] ?? 0))}" height="${p === 'p50' ? 12 : 16}"><title>${p} ${fmt(row[p])} ms</title></rect>`,
    )
    .join('');
  const slos = Object.entries(row.slo ?? {})
    .map(([p, v]) => {
      const value = row[p as (typeof PCTS)[number]];
      const breach = value !== undefined && value > v;
      return `<g class="slo-tick${breach ? ' breach' : ''}"><title>SLO ${esc(p)} ≤ ${fmt(v)} ms${value === undefined ? '' : `, measured ${fmt(value)} ms`}</title><line x1="${r(x(v))}" x2="${r(x(v))}" y1="2" y2="${CH - 2}"/></g>`;
    })
    .join('');
  return `<svg class="bullet-svg" viewBox="0 0 ${CW} ${CH}" width="${CW}" height="${CH}" role="img" aria-label="${esc(`${row.operation} latency percentiles`)}"><rect class="track" x="0" y="7" width="${CW}" height="16"/>${bars}${slos}</svg>`;
}

function thresholdTable(checks: CheckResult[]): string {
  const rows = checks
    .filter((c) => c.kind === 'load.threshold')
    .map((c) => {
      const d = isLoadData(c.data) ? c.data : undefined;
      return `<tr class="s-${c.status}"><td>${statusPill(c.status)}</td><td>${stagePill(c.stage)}</td><td>${esc(d?.scenario ?? '')}</td><td><code>${esc(d?.metric ?? c.operation)}</code></td><td><code>${esc(d?.threshold ?? c.expected)}</code></td><td class="num">${d?.value === undefined ? esc(c.actual) : metricValue(d.value)}</td></tr>`;
    })
    .join('\n');
  if (!rows) return '';
  return `<h3>k6 thresholds</h3><div class="table-wrap"><table class="plain"><thead><tr><th>status</th><th>stage</th><th>scenario</th><th>metric</th><th>threshold</th><th class="num">value</th></tr></thead><tbody>
${rows}
</tbody></table></div>`;
}

const legend = (): string =>
  `<div class="legend"><span class="sw lb p50"></span>p50 <span class="sw lb p90"></span>p90 <span class="sw lb p95"></span>p95 <span class="sw lb p99"></span>p99 <span class="sw slo-sw"></span>SLO</div>`;

/** k6 values: rates keep their significant digits (0.002), durations one decimal. */
const metricValue = (v: number): string => (Math.abs(v) < 1 && v !== 0 ? String(Number(v.toPrecision(3))) : fmt(v));
