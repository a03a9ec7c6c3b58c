import type { CheckResult, GateReport } from '../../domain/result.ts';
import { esc } from './escape.ts';
import { op, section, stagePill, statusPill } from './shared.ts';

const KINDS = [
  ['contract.verify', 'Pact verification through the gateway'],
  ['contract.spec', 'Pacts against the OpenAPI spec'],
] as const;

/** Consumer-contract results: contract.verify (per interaction per stage) and contract.spec checks. */
export function contractsHtml(report: GateReport): string {
  const blocks = KINDS.map(([kind, title]) => {
    const checks = report.checks.filter((c) => c.kind === kind);
    if (!checks.length) return '';
    const failed = checks.filter((c) => c.status === 'failed').length;
    const passed = checks.filter((c) => c.status === 'passed').length;
    const sorted = [...checks].sort((a, b) => rank(a) - rank(b));
    return `<div class="contract-group"><h3>${title} <span class="muted">${passed} passed${failed ? `, <b class="n-fail">${failed} failed</b>` : ''}</span></h3>
<div class="table-wrap"><table class="plain"><thead><tr><th>status</th><th>stage</th><th>interaction</th><th>operation</th><th>result</th></tr></thead><tbody>
${sorted.map(row).join('\n')}
</tbody></table></div></div>`;
  }).join('');
  return blocks ? section('contracts', 'Consumer contracts', blocks) : '';
}

const rank = (c: CheckResult): number => (c.status === 'failed' ? 0 : c.status === 'skipped' ? 2 : 1);

const row = (c: CheckResult): string =>
  `<tr class="s-${c.status}"><td>${statusPill(c.status)}</td><td>${stagePill(c.stage)}</td><td>${esc(c.title ?? c.id)}</td><td>${op(c.operation)}</td><td class="${c.status === 'failed' ? 'fail-text' : 'muted'}">${c.status === 'failed' ? `expected ${esc(c.expected)}; actual ${esc(c.actual)}` : esc(c.actual)}</td></tr>`;
