import { formatDuration } from '../summary-md.ts';
import type { GateReport } from '../../domain/result.ts';
import { esc } from './escape.ts';

const HEADLINE = { pass: 'Gate passed', fail: 'Gate failed', error: 'Gate errored' } as const;
const ICON = { pass: '✓', fail: '✗', error: '!' } as const;

/** The verdict banner: verdict, what ran where, the three counts and a proportion bar. */
export function bannerHtml(report: GateReport): string {
  const { passed, failed, skipped } = report.summary;
  const total = passed + failed + skipped;
  const pct = (n: number): string => (total ? ((n / total) * 100).toFixed(2) : '0');
  const stages = report.stages.map((s) => `<span class="tag stage on-dark">${esc(s)}</span>`).join(' ') || 'no stage';
  const when = new Date(report.startedAt);
  const started = Number.isNaN(when.getTime())
    ? esc(report.startedAt)
    : `<time datetime="${esc(report.startedAt)}">${esc(
        when
          .toISOString()
          .replace('T', ' ')
          .replace(/\.\d+Z$/, ' UTC'),
      )}</time>`;
  const errors = report.errors?.length ? `<div class="errors" role="alert"><ul>${report.errors.map((e) => `<li>${esc(e)}</li>`).join('')}</ul></div>` : '';
  return `<header class="banner v-${report.verdict}" id="verdict" data-verdict="${report.verdict}">
  <div class="banner-inner">
    <div class="verdict">
      <span class="verdict-icon" aria-hidden="true">${ICON[report.verdict]}</span>
      <div>
        <h1>${HEADLINE[report.verdict]}</h1>
        <p class="meta">${stages} <span class="sep">·</span> <span class="target">${esc(report.target || 'unknown target')}</span> <span class="sep">·</span> ${started} <span class="sep">·</span> ${esc(formatDuration(report.durationMs))}</p>
      </div>
    </div>
    <dl class="stats">
      <div class="stat"><dt>failed</dt><dd>${failed}</dd></div>
      <div class="stat"><dt>passed</dt><dd>${passed}</dd></div>
      <div class="stat"><dt>skipped</dt><dd>${skipped}</dd></div>
    </dl>
  </div>
  <div class="ratio" role="img" aria-label="${passed} passed, ${failed} failed, ${skipped} skipped of ${total} checks">
    <span class="r-fail" style="width:${pct(failed)}%"></span><span class="r-pass" style="width:${pct(passed)}%"></span><span class="r-skip" style="width:${pct(skipped)}%"></span>
  </div>
  ${errors}
</header>`;
}
