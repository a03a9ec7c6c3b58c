import type { GateReport } from '../../domain/result.ts';
import { section } from './shared.ts';

/** The filterable list of every check; the page script fills it from the embedded JSON once it is needed. */
export function checkListHtml(report: GateReport): string {
  const { passed, failed, skipped } = report.summary;
  const chip = (status: string, label: string, n: number, pressed = false): string =>
    `<button type="button" class="chip ch-${status}" data-status="${status}" aria-pressed="${pressed}">${label} <span class="n">${n}</span></button>`;
  const body = `<div class="filters">
  <div class="chips" role="group" aria-label="status">${chip('all', 'all', report.checks.length, true)}${chip('failed', 'failed', failed)}${chip('passed', 'passed', passed)}${chip('skipped', 'skipped', skipped)}</div>
  <span id="scope" class="scope" hidden><span id="scope-text"></span><button type="button" id="clear-scope" aria-label="clear the matrix filter">×</button></span>
  <input type="search" id="q" placeholder="filter by id, operation, expected, actual…" aria-label="filter checks" autocomplete="off">
</div>
<p id="list-count" class="muted" aria-live="polite"></p>
<div id="check-list" class="check-list"></div>
<button type="button" id="more" class="more" hidden>show more</button>
<noscript><p class="muted">The check list needs JavaScript; every check is in gate.json and junit.xml next to this page.</p></noscript>`;
  return section('checks', 'All checks', body);
}
