import { failedChecks } from '../matrix.ts';
import type { GateReport } from '../../domain/result.ts';
import { esc } from './escape.ts';
import { evidenceHtml, expectedActual, kindPill, op, section, stagePill } from './shared.ts';

const OPEN_FIRST = 8;
const MAX_RENDERED = 200;

/** The failed checks, each a collapsible block with expected/actual and its evidence (first ones open). */
export function failuresHtml(report: GateReport): string {
  const failures = failedChecks(report);
  if (!failures.length) {
    const body =
      report.verdict === 'error' ? 'No check failed, but part of the run could not complete (see the errors above).' : 'Every check that ran passed.';
    return section('failures', 'Failures', `<p class="empty${report.verdict === 'error' ? '' : ' ok'}">${body}</p>`);
  }
  const blocks = failures.slice(0, MAX_RENDERED).map((c, i) => {
    const evidence = c.evidence ?? [];
    const shown = evidence
      .slice(0, 5)
      .map((e, j) => evidenceHtml(e, j, evidence.length))
      .join('');
    const more = evidence.length > 5 ? `<p class="muted">${evidence.length - 5} more exchanges in gate.json</p>` : '';
    return `<details class="failure" id="f-${i}" data-id="${esc(c.id)}"${i < OPEN_FIRST ? ' open' : ''}>
<summary><span class="x" aria-hidden="true">✗</span>${stagePill(c.stage)}${kindPill(c.kind)}${op(c.operation)}<span class="sum-title">${esc(c.title ?? '')}</span></summary>
<div class="failure-body">
<p class="cid">${esc(c.id)}</p>
${expectedActual(c)}
${shown || '<p class="muted">No request evidence was recorded for this check.</p>'}${more}
</div>
</details>`;
  });
  const more =
    failures.length > MAX_RENDERED ? `<p class="muted">… and ${failures.length - MAX_RENDERED} more failures: use the check list below or gate.json.</p>` : '';
  const aside = `<div class="head-actions"><button type="button" class="link-btn" data-expand="open">expand all</button><button type="button" class="link-btn" data-expand="close">collapse all</button></div>`;
  return section('failures', `Failures <span class="count fail">${failures.length}</span>`, `<div class="failures">${blocks.join('\n')}</div>${more}`, aside);
}
