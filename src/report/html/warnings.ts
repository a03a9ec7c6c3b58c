import type { GateReport } from '../../domain/result.ts';
import { warningOrigin } from '../warnings.ts';
import { esc } from './escape.ts';
import { kindPill, op, section, stagePill } from './shared.ts';

const MAX_RENDERED = 300;

/** Findings that are not failures (gate.json `warnings`): where each comes from and what it says. */
export function warningsHtml(report: GateReport): string {
  const warnings = report.warnings;
  if (!warnings.length) return '';
  const items = warnings.slice(0, MAX_RENDERED).map((w) => {
    const origin =
      w.source === 'check'
        ? `${w.stage ? stagePill(w.stage) : ''}${w.kind ? kindPill(w.kind) : ''}${w.operation ? op(w.operation) : ''}`
        : `<span class="tag">${esc(warningOrigin(w))}</span>`;
    return `<li class="warning"${w.check ? ` data-id="${esc(w.check)}"` : ''}>${origin}<span class="w-msg">${esc(w.message)}</span></li>`;
  });
  const more = warnings.length > MAX_RENDERED ? `<p class="muted">… and ${warnings.length - MAX_RENDERED} more in gate.json.</p>` : '';
  return section(
    'warnings',
    `Warnings <span class="count warn">${warnings.length}</span>`,
    `<p class="muted">Findings that did not fail the gate.</p><ul class="warnings">${items.join('\n')}</ul>${more}`,
  );
}
