import type { GateReport } from '../../domain/result.ts';
import { esc, safeHref } from './escape.ts';
import { section } from './shared.ts';

const LABELS: Record<string, string> = {
  playwright: 'Playwright report',
  k6: 'k6 dashboard',
  'k6-throttle': 'k6 dashboard (throttle)',
  'k6-slo': 'k6 dashboard (slo)',
  pact: 'Pact verification',
};

/** The run's tool reports (report.links, relative to the run folder), safe hrefs only. */
export function toolLinks(report: GateReport): { label: string; href: string }[] {
  return Object.entries(report.links ?? {})
    .map(([name, href]) => ({ label: LABELS[name] ?? name, href: safeHref(href) }))
    .filter((l): l is { label: string; href: string } => l.href !== undefined);
}

export function linksHtml(report: GateReport): string {
  const links = toolLinks(report);
  if (!links.length) return '';
  const body = `<div class="links">${links.map((l) => `<a class="tool-link" href="${esc(l.href)}">${esc(l.label)} <span>${esc(l.href)}</span></a>`).join('')}</div>`;
  return section('tools', 'Tool reports', body);
}
