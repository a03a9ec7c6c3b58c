import { buildMatrix, familyName, type Counts } from '../matrix.ts';
import type { GateReport } from '../../domain/result.ts';
import { esc } from './escape.ts';
import { section } from './shared.ts';

/**
 * The stage x check-kind matrix, kinds grouped under their family. Each cell is a button carrying
 * data-stage/data-kind: the page script filters the check list with it.
 */
export function matrixHtml(report: GateReport): string {
  const matrix = buildMatrix(report, 'kind');
  if (!matrix.columns.length) return section('matrix', 'Checks by stage and kind', '<p class="empty">No checks ran.</p>');
  const families: { family: string; kinds: string[] }[] = [];
  for (const kind of matrix.columns) {
    const family = familyName(kind);
    const last = families[families.length - 1];
    if (last?.family === family) last.kinds.push(kind);
    else families.push({ family, kinds: [kind] });
  }
  const head1 = families
    .map(
      (f) => `<th colspan="${f.kinds.length}" class="fam"><button type="button" class="fam-btn" data-family="${esc(f.family)}">${esc(f.family)}</button></th>`,
    )
    .join('');
  const head2 = families
    .flatMap((f) =>
      f.kinds.map((k, i) => `<th class="kind${i === 0 ? ' first' : ''}" title="${esc(k)}"><span>${breakable(k.slice(f.family.length + 1) || k)}</span></th>`),
    )
    .join('');
  const rows = matrix.rows
    .map((row) => {
      const cells = families.flatMap((f) => f.kinds.map((k, i) => cell(row.stage, k, row.cells[k], i === 0))).join('');
      return `<tr><th scope="row" class="stage-h"><button type="button" class="stage-btn" data-stage="${esc(row.stage)}">${esc(row.stage)}</button></th>${cells}<td class="total">${totals(row.total)}</td></tr>`;
    })
    .join('\n');
  const table = `<div class="matrix-wrap"><table class="matrix">
<thead><tr><th rowspan="2" class="corner">stage</th>${head1}<th rowspan="2" class="total-h">total</th></tr><tr>${head2}</tr></thead>
<tbody>
${rows}
</tbody></table></div>
<p class="hint">Select a cell, a stage or a family to list its checks below.</p>`;
  return section('matrix', 'Checks by stage and kind', table, legend());
}

function cell(stage: string, kind: string, c: Counts | undefined, first: boolean): string {
  const n = c ?? { passed: 0, failed: 0, skipped: 0 };
  const total = n.passed + n.failed + n.skipped;
  const cls = `${first ? 'first ' : ''}${total === 0 ? 'c-none' : n.failed ? 'c-fail' : n.passed ? 'c-pass' : 'c-skip'}`;
  if (total === 0) return `<td class="${cls}"><span class="dot">·</span></td>`;
  const label = `${stage} · ${kind}: ${n.passed} passed, ${n.failed} failed, ${n.skipped} skipped`;
  const parts = [
    n.failed ? `<b class="n-fail">${n.failed}✗</b>` : '',
    n.passed ? `<span class="n-pass">${n.passed}</span>` : '',
    n.skipped ? `<span class="n-skip">${n.skipped}–</span>` : '',
  ];
  return `<td class="${cls}"><button type="button" class="cell" data-stage="${esc(stage)}" data-kind="${esc(kind)}" title="${esc(label)}" aria-label="${esc(label)}">${parts.filter(Boolean).join(' ')}</button></td>`;
}

const totals = (t: Counts): string =>
  [
    t.failed ? `<b class="n-fail">${t.failed} failed</b>` : '',
    `<span class="n-pass">${t.passed} passed</span>`,
    t.skipped ? `<span class="n-skip">${t.skipped} skipped</span>` : '',
  ]
    .filter(Boolean)
    .join('<br>');

const legend = (): string =>
  `<div class="legend"><span class="sw c-fail"></span>has failures <span class="sw c-pass"></span>all passed <span class="sw c-skip"></span>skipped</div>`;

/** Kind names wrap after their hyphens ("key-<wbr>isolation") so the matrix fits without scrolling. */
const breakable = (name: string): string => esc(name).replace(/-/g, '-<wbr>');
