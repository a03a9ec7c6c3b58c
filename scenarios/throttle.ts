/**
 * gateproof throttle scenario: for every throttled operation of the stage (side by side, each has its own
 * bucket), four phases against its declared limits:
 *   under     paced at half the rate from a full bucket             -> no 429 at all
 *   burst     burst + N requests at once                            -> about `burst` accepted
 *   over      paced at twice the rate                               -> 429s in proportion (band in the plan)
 *   recovery  after the refill time, paced at half the rate again   -> (almost) no 429
 * and every 429 carries the profile's throttle signature; accepted requests stay within the latency SLO.
 * Execution-segment friendly: every threshold is a share or a percentile, arrival rates and burst VUs are
 * split by k6 itself, nothing is computed per process. The plan comes from `gateproof load` (GATEPROOF_PLAN).
 */
import exec from 'k6/execution';
import http from 'k6/http';
import { Rate, Trend } from 'k6/metrics';
import type { Options, Scenario } from 'k6/options';
import { arrival, latencyThresholds, matchesSignature, ms, readPlan, send, vusFor } from './lib/runtime.ts';

const plan = readPlan();
const targets = plan.throttle?.targets ?? [];

const under429 = new Rate('gp_429_under');
const burstAccepted = new Rate('gp_burst_accepted');
const over429 = new Rate('gp_429_over');
const recovery429 = new Rate('gp_429_recovery');
const signature = new Rate('gp_429_signature');
const acceptedDuration = new Trend('gp_accepted_duration', true);

const scenarios: Record<string, Scenario> = {};
const thresholds: Record<string, string[]> = {};
const f3 = (x: number): string => String(Math.round(x * 1000) / 1000);

targets.forEach((t, i) => {
  const tags = { gp_target: t.key };
  const paced = (phase: 'under' | 'over' | 'recovery', p: { startS: number; durationS: number; rate: number }): Scenario => ({
    executor: 'constant-arrival-rate',
    ...arrival(p.rate),
    startTime: ms(p.startS),
    duration: ms(p.durationS),
    preAllocatedVUs: vusFor(p.rate),
    maxVUs: Math.min(plan.throttle!.maxVUs, vusFor(p.rate) * 4),
    exec: 'probe',
    tags: { ...tags, gp_phase: phase },
  });
  scenarios[`under_${i}`] = paced('under', t.under);
  scenarios[`burst_${i}`] = { executor: 'per-vu-iterations', vus: t.burstPhase.count, iterations: 1, startTime: ms(t.burstPhase.startS), maxDuration: '30s', exec: 'probe', tags: { ...tags, gp_phase: 'burst' } };
  scenarios[`over_${i}`] = paced('over', t.over);
  scenarios[`recovery_${i}`] = paced('recovery', t.recovery);
  const sel = `{gp_target:${t.key}}`;
  thresholds[`gp_429_under${sel}`] = ['rate==0'];
  thresholds[`gp_burst_accepted${sel}`] = [`rate>=${f3(t.bands.burstAccepted[0])}`, `rate<=${f3(t.bands.burstAccepted[1])}`];
  thresholds[`gp_429_over${sel}`] = [`rate>=${f3(t.bands.overThrottled[0])}`, `rate<=${f3(t.bands.overThrottled[1])}`];
  thresholds[`gp_429_recovery${sel}`] = [`rate<=${f3(t.bands.recoveryThrottled)}`];
  thresholds[`gp_429_signature${sel}`] = ['rate==1'];
  const latency = latencyThresholds(t.slo);
  if (latency.length) thresholds[`gp_accepted_duration${sel}`] = latency;
});

export const options: Options = {
  scenarios,
  thresholds,
  // 429 is an expected answer here; whether it came at the right time is what the thresholds judge.
  summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(50)', 'p(90)', 'p(95)', 'p(99)', 'count'],
};

http.setResponseCallback(http.expectedStatuses({ min: 200, max: 399 }, ...plan.signatures.throttled.statuses));

export function probe(): void {
  const [phase, index] = exec.scenario.name.split('_');
  const t = targets[Number(index)]!;
  const tags = { gp_target: t.key };
  const res = send(plan.baseURL, t, { gp_phase: phase! });
  const throttled = plan.signatures.throttled.statuses.indexOf(res.status) >= 0;
  if (throttled) signature.add(matchesSignature(plan.signatures.throttled, res), tags);
  else acceptedDuration.add(res.timings.duration, tags);
  if (phase === 'under') under429.add(throttled, tags);
  else if (phase === 'burst') burstAccepted.add(!throttled, tags);
  else if (phase === 'over') over429.add(throttled, tags);
  else recovery429.add(throttled, tags);
}

export default probe;
