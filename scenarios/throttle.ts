/**
 * gateproof throttle scenario: for every throttled operation of the stage (side by side, each has its own
 * bucket), four phases against its declared limits:
 *   under     paced at half the rate from a full bucket             -> no 429 at all
 *   burst     2 * burst + 2 requests at once (warm connections)     -> at least ~burst accepted, not all
 *   over      paced at twice the rate                               -> 429 share in the band the plan gives
 *                                                                      (about 1 - rate/offered; none fails)
 *   recovery  after the refill time, paced at half the rate again   -> (almost) no 429
 * Every 429 must carry the profile's throttle signature (status, body, headers), and accepted requests of
 * the paced phases stay within the operation's latency SLO. Execution-segment friendly: every threshold is a share or a percentile, arrival
 * rates and burst VUs are split by k6 itself, nothing is computed per process. The plan comes from
 * `gateproof load` (GATEPROOF_PLAN); credentials from the environment (GATEPROOF_K6_CREDENTIALS).
 */
import exec from 'k6/execution';
import http from 'k6/http';
import { Rate, Trend } from 'k6/metrics';
import type { Options, Scenario } from 'k6/options';
import { sleep } from 'k6';
import { OPERATION_TAG, type PacedPhase } from './lib/plan-types.ts';
import { arrival, latencyThresholds, matchesSignature, ms, readPlan, send, vusFor, warmUp } from './lib/runtime.ts';

const plan = readPlan();
const targets = plan.throttle?.targets ?? [];
const signature = plan.signatures.throttled;

const under429 = new Rate('gp_429_under');
const burstAccepted = new Rate('gp_burst_accepted');
const over429 = new Rate('gp_429_over');
const recovery429 = new Rate('gp_429_recovery');
const badSignature = new Rate('gp_429_signature_mismatch');
const acceptedDuration = new Trend('gp_accepted_duration', true);

type Phase = 'under' | 'burst' | 'over' | 'recovery';
const scenarios: Record<string, Scenario> = {};
const thresholds: Record<string, string[]> = {};

targets.forEach((t, i) => {
  const tags = (phase: Phase): Record<string, string> => ({ [OPERATION_TAG]: t.key, gp_phase: phase });
  const paced = (phase: Phase, p: PacedPhase): Scenario => ({
    executor: 'constant-arrival-rate',
    ...arrival(p.rate),
    startTime: ms(p.startS),
    duration: ms(p.durationS),
    preAllocatedVUs: vusFor(p.rate),
    maxVUs: Math.min(plan.throttle!.maxVUs, vusFor(p.rate) * 4),
    gracefulStop: '10s',
    exec: 'paced',
    tags: tags(phase),
  });
  scenarios[`under_${i}`] = paced('under', t.under);
  scenarios[`burst_${i}`] = {
    executor: 'per-vu-iterations',
    vus: t.burstPhase.count,
    iterations: 1,
    startTime: ms(t.burstPhase.startS),
    maxDuration: '30s',
    gracefulStop: '10s',
    exec: 'burst',
    tags: tags('burst'),
  };
  scenarios[`over_${i}`] = paced('over', t.over);
  scenarios[`recovery_${i}`] = paced('recovery', t.recovery);
  const of = `{${OPERATION_TAG}:${t.key}}`;
  thresholds[`gp_429_under${of}`] = ['rate==0'];
  thresholds[`gp_burst_accepted${of}`] = [`rate>=${t.bands.burst.minAccepted}`, ...(t.bands.burst.someThrottled ? ['rate<1'] : [])];
  thresholds[`gp_429_over${of}`] = [`rate>=${t.bands.overThrottled[0]}`, `rate<=${t.bands.overThrottled[1]}`];
  thresholds[`gp_429_recovery${of}`] = [`rate<=${t.bands.recoveryThrottled}`];
  thresholds[`gp_429_signature_mismatch${of}`] = ['rate==0'];
  const latency = latencyThresholds(t.slo);
  if (latency.length) thresholds[`gp_accepted_duration${of}`] = latency;
});

export const options: Options = {
  scenarios,
  thresholds,
  summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(50)', 'p(90)', 'p(95)', 'p(99)', 'count'],
};

// 429 is an expected answer here; whether it came at the right time is what the thresholds judge.
http.setResponseCallback(http.expectedStatuses({ min: 200, max: 399 }, ...signature.statuses));

/** Which target and phase this iteration belongs to: scenarios are named `<phase>_<target index>`. */
function current(): { phase: Phase; index: number } {
  const [phase, index] = exec.scenario.name.split('_');
  return { phase: phase as Phase, index: Number(index) };
}

function probe(phase: Phase, index: number): void {
  const t = targets[index]!;
  const tags = { [OPERATION_TAG]: t.key };
  const res = send(plan.baseURL, t, { gp_phase: phase });
  const throttled = signature.statuses.indexOf(res.status) >= 0;
  if (throttled) badSignature.add(!matchesSignature(signature, res), tags);
  // A burst's answers queue behind each other by design: latency is judged on the paced phases only.
  else if (phase !== 'burst') acceptedDuration.add(res.timings.duration, tags);
  if (phase === 'under') under429.add(throttled, tags);
  else if (phase === 'burst') burstAccepted.add(!throttled, tags);
  else if (phase === 'over') over429.add(throttled, tags);
  else recovery429.add(throttled, tags);
}

/** Under, over and recovery: one request per scheduled arrival. */
export function paced(): void {
  const { phase, index } = current();
  probe(phase, index);
}

/** The burst: every VU warms its connection, then all fire at the same moment (scenario start + warm-up). */
export function burst(): void {
  const { index } = current();
  const t = targets[index]!;
  warmUp(plan.baseURL, t.key);
  const wait = exec.scenario.startTime + t.burstPhase.warmupS * 1000 - Date.now();
  if (wait > 0) sleep(wait / 1000);
  probe('burst', index);
}

export default paced;
