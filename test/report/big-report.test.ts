import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect as pw, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigRunPart } from '../../bench/big-report.ts';
import type { CheckResult, GateReport } from '../../src/domain/result.ts';
import { buildReport } from '../../src/report/build.ts';
import { launchChromium } from './browser.ts';

/**
 * The report of a 15,000-check run (660 operations, three stages): small, complete, and usable in a real
 * browser. How fast it opens is a figure of `npm run bench`, not asserted here.
 */
describe('the report of a 15,000-check run', () => {
  let dir: string;
  let report: GateReport;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gp-big-report-'));
    mkdirSync(join(dir, 'parts'));
    writeFileSync(join(dir, 'parts', 'smoke.json'), JSON.stringify(bigRunPart()));
    writeFileSync(
      join(dir, 'parts', 'smoke-engine.json'),
      JSON.stringify({
        part: 'smoke-engine',
        startedAt: '2026-11-29T10:00:00.000Z',
        durationMs: 88_000,
        target: 'http://127.0.0.1:4010',
        stages: ['dev', 'staging', 'prod'],
        checks: [],
        pacing: {
          stages: {
            dev: {
              requests: 9000,
              throttled: 3,
              retried: 3,
              floorMs: 70_000,
              rate: 113.8,
              adaptive: {
                startRate: 20,
                share: 0.5,
                state: 'settled',
                took: 227.5,
                steps: [
                  { tMs: 0, rate: 20, why: 'start' },
                  { tMs: 7536, rate: 113.8, why: '429: settled at 0.5 x 227.5/s' },
                ],
              },
            },
          },
          floorMs: 70_000,
          requests: 9000,
          throttled: 3,
        },
        sampling: [{ stage: 'dev', authorizer: 'partner_jwt', routes: ['GET /v1/accounts', 'POST /v1/charges'], of: 160 }],
        budget: { limit: '20000 requests', requests: 19_950, durationMs: 88_000, leftOut: 12, leftOutByKind: { 'route.attribution': 12 } },
      }),
    );
    report = buildReport(dir, { pointLatest: false });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('index.html stays under 3 MB; gate.json keeps every contract field of every check, one check per line', () => {
    expect(report.checks).toHaveLength(15_000);
    expect(statSync(join(dir, 'index.html')).size).toBeLessThanOrEqual(3 * 1024 * 1024);
    const text = readFileSync(join(dir, 'gate.json'), 'utf8');
    const gate = JSON.parse(text) as GateReport;
    expect(gate.checks).toHaveLength(15_000);
    for (const c of gate.checks)
      for (const field of ['id', 'kind', 'stage', 'operation', 'status', 'expected', 'actual', 'evidence']) expect(c).toHaveProperty(field);
    expect(text.split('\n').filter((l) => l.startsWith('    {"id":'))).toHaveLength(15_000);
    // Failures keep everything; passed checks what was sent and the status, no response headers or bodies.
    const failed = gate.checks.filter((c) => c.status === 'failed');
    expect(failed).toHaveLength(40);
    for (const c of failed) expect(c.evidence[0]).toMatchObject({ responseHeaders: expect.any(Object), bodyExcerpt: expect.any(String) });
    const passed = gate.checks.filter((c): c is CheckResult => c.status === 'passed');
    expect(passed.flatMap((c) => c.evidence).every((e) => e.responseHeaders === undefined && e.bodyExcerpt === undefined)).toBe(true);
    expect(gate.pacing?.stages.dev?.adaptive?.took).toBe(227.5);
    expect(gate.sampling).toHaveLength(1);
    expect(gate.budget?.leftOut).toBe(12);
  });

  it('opens with the verdict, the matrix and the first failures; lists and evidence come on demand', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && problems.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    const url = pathToFileURL(join(dir, 'index.html')).href;
    await page.goto(url, { waitUntil: 'load' });

    await pw(page.locator('#verdict')).toHaveAttribute('data-verdict', 'fail');
    expect(await page.locator('table.matrix tbody tr').count()).toBe(3);
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
    expect(cellTotal).toBe(15_000);
    // The first 50 failures are in the page, the first ones open with their evidence.
    expect(await page.locator('details.failure').count()).toBe(40);
    await pw(page.locator('details.failure').first()).toHaveAttribute('open', '');
    await pw(page.locator('details.failure').first().locator('pre.body')).toContainText('"object":"list"');
    // Pace and coverage.
    await pw(page.locator('#run table.pacing')).toContainText('227.5/s');
    await pw(page.locator('#run')).toContainText('partner_jwt');
    await pw(page.locator('#budget')).toContainText('left out 12 checks');

    // The check list: counted at once, rendered once it is needed.
    await pw(page.locator('#list-count')).toHaveText('15000 checks');
    expect(await page.locator('#check-list details.row').count()).toBe(0);
    await page.locator('#checks').scrollIntoViewIfNeeded();
    await pw(page.locator('#check-list details.row')).toHaveCount(150);
    await pw(page.locator('#check-list details.row.s-failed')).toHaveCount(40);
    await page.locator('#more').click();
    await pw(page.locator('#check-list details.row')).toHaveCount(300);

    // A passed check opened: its request line and status, from the evidence block.
    const passedRow = page.locator('#check-list details.row.s-passed').first();
    await passedRow.locator('summary').click();
    await pw(passedRow.locator('.evidence .req code')).toHaveText(/^[A-Z]+ http:\/\/127\.0\.0\.1:4010\/(dev|staging|prod)\//);
    await pw(passedRow.locator('.evidence .req .status')).toHaveText(/^\d{3}$/);

    // Filters: a matrix cell, then a search.
    await page.locator('table.matrix button.cell[data-stage="staging"][data-kind="auth.expired-token"]').click();
    const expired = report.checks.filter((c) => c.stage === 'staging' && c.kind === 'auth.expired-token').length;
    await pw(page.locator('#list-count')).toHaveText(`${expired} of 15000 checks`);
    await page.locator('#clear-scope').click();
    await page.fill('#q', 'prod:auth.missing:GET /v1/accounts/{id}');
    await pw(page.locator('#check-list details.row')).toHaveCount(
      report.checks.filter((c) => c.id.startsWith('prod:auth.missing:GET /v1/accounts/{id}')).length,
    );

    expect(problems).toEqual([]);
    expect(requests).toEqual([url]);
    await page.close();
  });

  it('lists every failure on demand when there are more than the page writes out', async () => {
    const many = mkdtempSync(join(tmpdir(), 'gp-big-report-'));
    mkdirSync(join(many, 'parts'));
    writeFileSync(join(many, 'parts', 'smoke.json'), JSON.stringify(bigRunPart(3000, 120)));
    buildReport(many, { pointLatest: false });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(join(many, 'index.html')).href, { waitUntil: 'load' });
    expect(await page.locator('details.failure').count()).toBe(50);
    await page.locator('[data-show-failures]').click();
    await pw(page.locator('#list-count')).toHaveText(/^\d+ of 3000 checks$/);
    await pw(page.locator('#check-list details.row.s-failed')).toHaveCount(120);
    await pw(page.locator('#check-list details.row.s-passed')).toHaveCount(0);
    await page.close();
  });
});
