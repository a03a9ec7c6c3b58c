import type { GateReport } from '../../domain/result.ts';
import type { AdaptivePacing, StagePacingSummary } from '../../domain/run-info.ts';
import { formatDuration } from '../summary-md.ts';
import { esc, fmt } from './escape.ts';
import { op, section, stagePill } from './shared.ts';

/**
 * How the run went besides its checks: how fast it talked to each stage (and the rate it found where no
 * limit is declared), which routes the token checks were sampled on, what a --budget left out.
 */
export function runInfoHtml(report: GateReport): string {
  const blocks = [pacingBlock(report), samplingBlock(report), budgetBlock(report)].filter(Boolean);
  return blocks.length ? section('run', 'Pace and coverage', blocks.join('\n')) : '';
}

function pacingBlock(report: GateReport): string {
  const stages = Object.entries(report.pacing?.stages ?? {});
  if (!stages.length) return '';
  const rows = stages.map(([stage, p]) => pacingRow(stage, p)).join('\n');
  const changes = stages.filter(([, p]) => p.adaptive && p.adaptive.steps.length > 1).map(([stage, p]) => steps(stage, p.adaptive!));
  return `<h3>Pace</h3>
<div class="table-wrap"><table class="plain pacing"><thead><tr><th>stage</th><th>pace</th><th class="num">gateway took</th><th class="num">paced at</th><th class="num">requests</th><th class="num">429 (retried)</th></tr></thead><tbody>
${rows}
</tbody></table></div>${changes.join('')}
<p class="hint">A paced request answered 429 is sent again after backing off: it never fails a check nor counts against the gateway.</p>`;
}

function pacingRow(stage: string, p: StagePacingSummary): string {
  const a = p.adaptive;
  const pace = !a
    ? 'declared limit'
    : a.ceiling !== undefined
      ? `adaptive, protected: at most ${fmt(a.ceiling)}/s (${esc(a.state)})`
      : `adaptive from ${fmt(a.startRate)}/s (${esc(a.state)})`;
  const took = a?.took === undefined ? '–' : `${fmt(a.took)}/s`;
  return `<tr><td>${stagePill(stage)}</td><td>${pace}</td><td class="num">${took}</td><td class="num">${fmt(p.rate)}/s</td><td class="num">${p.requests}</td><td class="num${p.throttled ? ' fail-text' : ''}">${p.throttled} (${p.retried ?? 0})</td></tr>`;
}

function steps(stage: string, a: AdaptivePacing): string {
  const items = a.steps
    .map((s) => `<li><span class="num">${esc(formatDuration(s.tMs))}</span> ${fmt(s.rate)}/s <span class="muted">${esc(s.why)}</span></li>`)
    .join('');
  return `<details class="steps"><summary>${esc(stage)}: ${a.steps.length - 1} rate changes</summary><ol>${items}</ol></details>`;
}

function samplingBlock(report: GateReport): string {
  const samples = report.sampling ?? [];
  if (!samples.length) return '';
  const rows = samples
    .map(
      (s) =>
        `<tr><td>${stagePill(s.stage)}</td><td>${esc(s.authorizer)}</td><td class="num">${s.routes.length} of ${s.of}</td><td>${s.routes.map(op).join(', ')}</td></tr>`,
    )
    .join('\n');
  return `<h3>Token checks</h3>
<p class="muted">Expired, wrong-audience, wrong-issuer, forged, unsigned and malformed tokens are judged by the authorizer the routes share: they ran on a seeded sample of each authorizer's routes (every route with --exhaustive). Missing and invalid credentials and path spellings are checked on every route.</p>
<div class="table-wrap"><table class="plain"><thead><tr><th>stage</th><th>authorizer</th><th class="num">routes</th><th>sampled</th></tr></thead><tbody>
${rows}
</tbody></table></div>`;
}

function budgetBlock(report: GateReport): string {
  const b = report.budget;
  if (!b) return '';
  const kinds = Object.entries(b.leftOutByKind)
    .map(([kind, n]) => `<li><span class="tag kind">${esc(kind)}</span> ${n}</li>`)
    .join('');
  const leftOut = b.leftOut
    ? `left out <b>${b.leftOut}</b> checks (skipped, saying so), lowest priority first:<ul class="left-out">${kinds}</ul>`
    : 'left out no check.';
  return `<h3>Budget</h3>
<p id="budget">--budget ${esc(b.limit)}: ${b.requests} requests in ${esc(formatDuration(b.durationMs))}; ${leftOut}</p>`;
}
