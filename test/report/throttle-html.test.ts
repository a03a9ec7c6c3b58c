import { describe, expect, it } from 'vitest';
import type { CheckResult, CoverageData, GateReport, ThrottleData } from '../../src/domain/result.ts';
import { throttleHtml } from '../../src/report/html/throttle.ts';

const result = (id: string, kind: CheckResult['kind'], status: CheckResult['status'], data: CheckResult['data']): CheckResult => ({
  id,
  kind,
  stage: 'dev',
  operation: id.split(':')[2]!,
  status,
  expected: 'e',
  actual: 'a',
  evidence: [],
  data,
});

const report = (checks: CheckResult[]): GateReport =>
  ({
    verdict: 'pass',
    startedAt: '2026-11-29T00:00:00Z',
    durationMs: 1,
    target: 'http://127.0.0.1',
    stages: ['dev'],
    summary: { passed: 0, failed: 0, skipped: 0 },
    checks,
  }) as GateReport;

describe('the throttle section shows each limiter in its model', () => {
  it('a window: the model, accepted per window and window length declared vs estimated, the resets on the timeline', () => {
    const data: ThrottleData = {
      type: 'throttle',
      declared: { limit: 20, window: '1s', kind: 'fixed' },
      estimated: { perWindow: 20, windowMs: 1000, resetsMs: [850, 1850], pattern: 'windowed' },
      requests: 132,
      timeline: [
        { tMs: 0, accepted: 20, throttled: 0 },
        { tMs: 500, accepted: 0, throttled: 10 },
        { tMs: 1000, accepted: 20, throttled: 10 },
        { tMs: 1500, accepted: 0, throttled: 10 },
        { tMs: 2000, accepted: 20, throttled: 10 },
      ],
    };
    const html = throttleHtml(report([result('dev:throttle.rate:GET /health', 'throttle.rate', 'passed', data)]));
    expect(html).toContain('<dd>fixed window</dd>');
    expect(html).toContain('<dt>per window</dt>');
    expect(html).toContain('<dt>window (1s)</dt>');
    expect(html.match(/class="reset-line"/g)).toHaveLength(2);
    expect(html).toContain('declared 20 per 1s (average)');
  });

  it('a token bucket keeps its rate and burst', () => {
    const data: ThrottleData = {
      type: 'throttle',
      declared: { rate: 50, burst: 20 },
      estimated: { rate: 49.5, burst: 20.2 },
      requests: 40,
      timeline: [{ tMs: 0, accepted: 21, throttled: 19 }],
    };
    const html = throttleHtml(report([result('dev:throttle.burst:GET /health', 'throttle.burst', 'passed', data)]));
    expect(html).toContain('<dd>token bucket</dd>');
    expect(html).toContain('<dt>rate (req/s)</dt>');
    expect(html).not.toContain('reset-line"');
  });

  it('throttle.coverage: a table of operations by limiter, covered or not, and those left out with why', () => {
    const data: CoverageData = {
      type: 'throttle-coverage',
      groups: [
        {
          limiter: 'usage plan',
          declared: { rate: 80, burst: 40 },
          operations: [
            { operation: 'GET /pets', covered: true, accepted: 40, throttled: 26 },
            { operation: 'POST /pets', covered: false, accepted: 66, throttled: 0, note: 'tried again with a full burst' },
          ],
        },
      ],
      notCovered: [{ operation: 'GET /files/{proxy+}', reason: 'over the request budget' }],
      requests: 154,
    };
    const html = throttleHtml(report([result('dev:throttle.coverage:*', 'throttle.coverage', 'failed', data)]));
    expect(html).toMatch(/<tr class="s-passed"><td><code class="op">GET \/pets<\/code><\/td><td>usage plan<\/td><td>80\/s, burst 40<\/td><td>covered<\/td>/);
    expect(html).toMatch(
      /<tr class="s-failed"><td><code class="op">POST \/pets<\/code>.*not refused.*66 accepted · 0 throttled \(tried again with a full burst\)/,
    );
    expect(html).toMatch(/GET \/files\/\{proxy\+\}.*not covered.*over the request budget/);
  });
});
