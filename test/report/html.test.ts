import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect as pw, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build.ts';
import type { GateReport } from '../../src/domain/result.ts';
import { registerSecret } from '../../src/secrets/redact.ts';
import { ROOT } from '../helpers/cli.ts';
import { launchChromium } from './browser.ts';
import { BYPASS_ID, SECRETS, writeSyntheticRun } from './fixture.ts';

const SCREENSHOT_DIR = join(ROOT, 'reports', 'screenshots');

describe('index.html in chromium', () => {
  let browser: Browser;
  let dir: string;
  let report: GateReport;

  beforeAll(async () => {
    Object.values(SECRETS).forEach(registerSecret);
    ({ dir } = writeSyntheticRun());
    report = buildReport(dir);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders the verdict, the matrix and a failure with its evidence, with no console error and no request', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    const url = pathToFileURL(join(dir, 'index.html')).href;
    await page.goto(url, { waitUntil: 'load' });

    // verdict banner
    await pw(page.locator('#verdict')).toHaveAttribute('data-verdict', 'fail');
    expect(await page.locator('#verdict h1').textContent()).toBe('Gate failed');
    expect(await page.locator('#verdict .stat dd').allTextContents()).toEqual([
      String(report.summary.failed),
      String(report.summary.passed),
      String(report.summary.skipped),
    ]);

    // matrix: one row per stage, a red cell for the failing kind, counts that add up
    const rows = page.locator('table.matrix tbody tr');
    expect(await rows.count()).toBe(2);
    const failingCell = page.locator('table.matrix button.cell[data-stage="dev"][data-kind="auth.missing"]');
    await pw(failingCell).toBeVisible();
    expect(await failingCell.evaluate((b) => b.parentElement?.className)).toContain('c-fail');
    const cellTotal = await page.locator('table.matrix button.cell').evaluateAll((cells) =>
      cells.reduce(
        (n, c) =>
          n +
          (c.textContent ?? '')
            .split(/\s+/)
            .map((t) => parseInt(t, 10))
            .filter(Number.isFinite)
            .reduce((a, b) => a + b, 0),
        0,
      ),
    );
    expect(cellTotal).toBe(report.checks.length);

    // the failing check's evidence is visible (first failures are open)
    const failure = page.locator(`details.failure[data-id="${BYPASS_ID}"]`);
    await pw(failure).toHaveAttribute('open', '');
    await pw(failure.locator('.req code')).toHaveText('DELETE http://127.0.0.1:4010/dev/pets/42');
    await pw(failure.locator('.req .status')).toHaveText('204');
    await pw(failure.locator('pre.body')).toBeVisible();
    expect(await failure.locator('pre.body').textContent()).toContain('</script><script>window.__pwned=1</script>');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);

    // throttle timeline, latency vs SLO, contracts, tool links
    expect(await page.locator('#throttle .chart svg rect.b-thr').count()).toBeGreaterThan(10);
    await pw(page.locator('#throttle .declared-label').first()).toContainText('declared rate');
    await pw(page.locator('#latency table.lat td.breach').first()).toContainText('342');
    await pw(page.locator('#contracts')).toContainText('a list of two pets');
    expect(await page.locator('a.tool-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
      'playwright-report/index.html',
      'k6/slo-dashboard.html',
    ]);

    // the check list: every check, filtered by a matrix cell click
    await pw(page.locator('#list-count')).toHaveText(`${report.checks.length} checks`);
    await failingCell.click();
    await pw(page.locator('#list-count')).toHaveText(`7 of ${report.checks.length} checks`);
    await pw(page.locator('#scope')).toBeVisible();
    await page.locator('#check-list details.row.s-failed summary').first().click();
    await pw(page.locator('#check-list details.row.s-failed .evidence .req code')).toHaveText('DELETE http://127.0.0.1:4010/dev/pets/42');
    await page.locator('#clear-scope').click();
    await page.locator('.chip[data-status="failed"]').click();
    await pw(page.locator('#list-count')).toHaveText(`${report.summary.failed} of ${report.checks.length} checks`);
    await page.locator('.chip[data-status="all"]').click();
    await page.fill('#q', 'wrong-audience');
    await pw(page.locator('#check-list details.row')).toHaveCount(2);
    await page.fill('#q', '');

    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'report-fail.png'), fullPage: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'report-fail-top.png') });
    copyFileSync(join(dir, 'index.html'), join(SCREENSHOT_DIR, 'report-fail.html'));

    expect(problems).toEqual([]);
    expect(requests).toEqual([url]);
    await page.close();
  });

  it('is self-contained: no external URL in src/href attributes, a CSP forbidding the network, data embedded safely', () => {
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;/);
    expect(html).not.toMatch(/\s(src|href)="(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(\s*['"]?https?:/i);
    const json = /<script type="application\/json" id="gate-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(json).not.toContain('<');
    expect(JSON.parse(json).checks).toHaveLength(report.checks.length);
  });

  it('renders a passing run and an errored run', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    const pass = writeSyntheticRun([
      {
        part: 'smoke',
        startedAt: '2026-11-21T10:00:00.000Z',
        durationMs: 900,
        target: 'http://gw',
        stages: ['dev'],
        checks: [
          {
            id: 'dev:auth.missing:GET /pets',
            kind: 'auth.missing',
            stage: 'dev',
            operation: 'GET /pets',
            status: 'passed',
            expected: '401',
            actual: '401',
            evidence: [],
          },
        ],
      },
    ]);
    buildReport(pass.dir);
    await page.goto(pathToFileURL(join(pass.dir, 'index.html')).href);
    await pw(page.locator('#verdict h1')).toHaveText('Gate passed');
    await pw(page.locator('#failures')).toContainText('Every check that ran passed');
    const errored = writeSyntheticRun([
      {
        part: 'load-slo',
        startedAt: '2026-11-21T10:00:00.000Z',
        durationMs: 10,
        target: 'http://gw',
        stages: ['dev'],
        checks: [],
        errors: ['TOOL_MISSING: k6 not found on PATH'],
      },
    ]);
    buildReport(errored.dir);
    await page.goto(pathToFileURL(join(errored.dir, 'index.html')).href);
    await pw(page.locator('#verdict h1')).toHaveText('Gate errored');
    await pw(page.locator('#verdict .errors')).toContainText('k6 not found on PATH');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'report-error.png') });
    expect(problems).toEqual([]);
    await page.close();
  });
});
