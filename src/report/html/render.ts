import { createHash } from 'node:crypto';
import { failedChecks } from '../matrix.ts';
import type { GateReport } from '../../domain/result.ts';
import { bannerHtml } from './banner.ts';
import { checkListHtml } from './check-list.ts';
import { CLIENT_SCRIPT } from './client.ts';
import { contractsHtml } from './contracts.ts';
import { embedJson, esc } from './escape.ts';
import { failuresHtml } from './failures.ts';
import { latencyHtml } from './latency.ts';
import { linksHtml, toolLinks } from './links.ts';
import { matrixHtml } from './matrix.ts';
import { STYLES } from './styles.ts';
import { throttleHtml } from './throttle.ts';

const TITLE = { pass: 'passed', fail: 'FAILED', error: 'ERROR' } as const;

/**
 * index.html: one self-contained page (inline CSS, JS and SVG; no network: a Content-Security-Policy with
 * default-src 'none' and the script's hash enforces it). The report is embedded as JSON with "<" escaped.
 * Pure (report -> string).
 */
export function renderHtml(report: GateReport): string {
  const sections: [string, string, string][] = [
    ['matrix', 'Matrix', matrixHtml(report)],
    ['failures', `Failures (${failedChecks(report).length})`, failuresHtml(report)],
    ['throttle', 'Throttling', throttleHtml(report)],
    ['latency', 'Latency', latencyHtml(report)],
    ['contracts', 'Contracts', contractsHtml(report)],
    ['tools', 'Tool reports', linksHtml(report)],
    ['checks', 'All checks', checkListHtml(report)],
  ];
  const present = sections.filter(([, , html]) => html);
  const scriptHash = createHash('sha256').update(CLIENT_SCRIPT).digest('base64');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${scriptHash}'; base-uri 'none'; form-action 'none'`;
  const nav = present.map(([id, label]) => `<a href="#${id}">${esc(label)}</a>`).join('');
  const tools = toolLinks(report)
    .map((l) => `<a class="tool" href="${esc(l.href)}">${esc(l.label)} ↗</a>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="referrer" content="no-referrer">
<title>gateproof · ${TITLE[report.verdict]} · ${esc(report.stages.join(', '))}</title>
<link rel="icon" href="data:,">
<style>${STYLES}</style>
</head>
<body>
${bannerHtml(report)}
<nav class="nav" aria-label="sections"><div class="nav-inner">${nav}<span class="spacer"></span>${tools}</div></nav>
<main>
${present.map(([, , html]) => html).join('\n')}
</main>
<footer class="foot">gateproof · ${report.checks.length} checks · gate.json, junit.xml and summary.md sit next to this page</footer>
<script type="application/json" id="gate-data">${embedJson(report)}</script>
<script>${CLIENT_SCRIPT}</script>
</body>
</html>
`;
}
