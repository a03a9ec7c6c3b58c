import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LoadData } from '../../src/report/types.ts';
import { failedThresholds, k6Path, loadRig } from './helpers.ts';

/** Real k6 against the real local gateway (examples/: dev 50/s burst 20, POST /orders 10/s burst 5). */
let k6: string;
beforeAll(async () => {
  k6 = await k6Path();
}, 30 * 60_000);

describe('k6 scenarios on the clean local gateway', () => {
  it('throttle: every threshold holds, for both throttled operations', async () => {
    const rig = await loadRig(k6);
    try {
      const { part, dir } = await rig.run('throttle', 6);
      expect(part.errors).toBeUndefined();
      expect(failedThresholds(part)).toEqual([]);
      expect(new Set(part.checks.map((c) => c.operation))).toEqual(new Set(['GET /health', 'POST /orders']));
      expect(part.checks.map((c) => c.id.split(':load.threshold:')[1]!.split(' throttle ')[1])).toEqual(expect.arrayContaining(['gp_429_under rate==0', 'gp_429_signature rate==1']));
      expect(part.part).toBe('load-throttle');
      expect(existsSync(join(dir, 'parts', 'load-throttle.json'))).toBe(true);
    } finally {
      await rig.close();
    }
  }, 120_000);

  it('slo: latency, error rate and zero 429 hold; percentiles per operation sit beside the SLOs; the dashboard works offline', async () => {
    const rig = await loadRig(k6);
    try {
      const { part, dir } = await rig.run('slo', 5);
      expect(part.errors).toBeUndefined();
      expect(failedThresholds(part)).toEqual([]);
      const global = part.checks.find((c) => c.id === 'dev:load.threshold:* slo http_req_duration p(95)<250')!;
      const data = global.data as LoadData;
      expect(data.percentiles!.map((p) => p.operation)).toEqual(expect.arrayContaining(['GET /pets', 'POST /orders', '*']));
      expect(data.percentiles!.find((p) => p.operation === 'GET /pets')!.slo).toEqual({ p95: 150, p99: 400 });
      const html = readFileSync(join(dir, part.links!['k6 slo dashboard']!), 'utf8');
      expect(html.length).toBeGreaterThan(10_000);
      expect(html).not.toMatch(/<script[^>]+src=["']https?:|<link[^>]+href=["']https?:/);
      // Credentials reach k6 through its environment only: not in any file of the run.
      for (const file of readdirSync(dir).filter((f) => !f.endsWith('.gz'))) {
        const text = existsSync(join(dir, file)) && !file.startsWith('parts') ? readFileSync(join(dir, file), 'utf8') : '';
        expect(text).not.toContain('dev-key-0b7f3c1e9a2d4f60');
        expect(text).not.toMatch(/Bearer eyJ/);
      }
    } finally {
      await rig.close();
    }
  }, 120_000);
});

describe('k6 scenarios catch misconfigured gateways', () => {
  const cases: { fault: string; scenario: 'throttle' | 'slo'; expect: RegExp }[] = [
    { fault: 'no-throttle', scenario: 'throttle', expect: /GET \/health gp_429_over rate>=/ },
    { fault: 'rate:100', scenario: 'throttle', expect: /GET \/health gp_429_over rate>=/ },
    { fault: 'rate:25', scenario: 'throttle', expect: /GET \/health gp_429_over rate<=/ },
    { fault: 'burst:10', scenario: 'throttle', expect: /GET \/health gp_burst_accepted rate>=/ },
    { fault: 'burst:30', scenario: 'throttle', expect: /GET \/health gp_burst_accepted rate<=/ },
    { fault: 'latency:400', scenario: 'slo', expect: /\* http_req_duration p\(95\)<250/ },
  ];
  for (const c of cases) {
    it(`--fault ${c.fault}: the ${c.scenario} scenario fails (${c.expect.source})`, async () => {
      const rig = await loadRig(k6, [c.fault]);
      try {
        const { part } = await rig.run(c.scenario, c.scenario === 'slo' ? 4 : 6);
        expect(part.errors).toBeUndefined();
        expect(failedThresholds(part).join('\n')).toMatch(c.expect);
      } finally {
        await rig.close();
      }
    }, 120_000);
  }
});
