import { beforeAll, describe, expect, it } from 'vitest';
import { failedThresholds, k6Path, LOAD_WINDOW_CONFIG, loadRig } from './helpers.ts';

/**
 * Real k6 against the real local gateway (test/load/fixtures/load.config.ts: dev 20/s burst 20, POST /orders
 * 10/s burst 10). The throttle scenario runs 12 s: for GET /health 2.3 s under, 4.6 s over (184 requests, a
 * halved rate lands ~13 requests above the band, a doubled one ~45 below), 2.3 s recovery. The clean runs
 * of both scenarios, and latency:<ms> against the slo scenario, go through the CLI (cli.test.ts).
 */
const THROTTLE_S = 12;

let k6: string;
beforeAll(async () => {
  k6 = await k6Path();
}, 30 * 60_000);

describe('k6 scenarios catch misconfigured gateways', () => {
  const cases: { fault: string; expect: RegExp[] }[] = [
    // Nothing throttled: the over phase has no 429 and the burst all got through.
    { fault: 'no-throttle', expect: [/GET \/health gp_429_over rate>=/, /GET \/health gp_burst_accepted rate<1/, /POST \/orders gp_429_over rate>=/] },
    // Rate doubled (GET /health 20 -> 40): twice the rate is now just the rate, no 429 above it.
    { fault: 'rate:40', expect: [/GET \/health gp_429_over rate>=/] },
    // Rate halved (GET /health 20 -> 10): far more 429 above the rate than the band allows.
    { fault: 'rate:10', expect: [/GET \/health gp_429_over rate<=/] },
  ];
  for (const c of cases) {
    it(`--fault ${c.fault}: the throttle scenario fails`, async () => {
      const rig = await loadRig(k6, [c.fault]);
      try {
        const { part } = await rig.run('throttle', THROTTLE_S);
        expect(part.errors).toBeUndefined();
        const failed = failedThresholds(part).join('\n');
        for (const e of c.expect) expect(failed).toMatch(e);
      } finally {
        await rig.close();
      }
    }, 120_000);
  }
});

describe('k6 throttle thresholds on window limiters', () => {
  it('pass on correct windows (a fixed window for the stage, a sliding one on POST /orders) and fail without a limiter', async () => {
    const clean = await loadRig(k6, [], LOAD_WINDOW_CONFIG);
    try {
      const { part } = await clean.run('throttle', THROTTLE_S);
      expect(part.errors).toBeUndefined();
      expect(part.checks.map((c) => c.operation)).toEqual(expect.arrayContaining(['GET /health', 'POST /orders']));
      expect(failedThresholds(part)).toEqual([]);
    } finally {
      await clean.close();
    }
    const open = await loadRig(k6, ['no-throttle'], LOAD_WINDOW_CONFIG);
    try {
      const failed = failedThresholds((await open.run('throttle', THROTTLE_S)).part).join('\n');
      expect(failed).toMatch(/GET \/health gp_429_over rate>=/);
      expect(failed).toMatch(/POST \/orders gp_429_over rate>=/);
      expect(failed).toMatch(/POST \/orders gp_burst_accepted rate<1/);
    } finally {
      await open.close();
    }
  }, 180_000);
});
