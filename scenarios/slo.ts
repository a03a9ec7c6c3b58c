/**
 * gateproof slo scenario: a weighted mix of the spec's operations at a share of the declared limits
 * (config.load.share) for the configured duration. Thresholds: p95/p99 (and any other percentile config.slo
 * names) per operation (tag `operation`, its own SLO or else the global one) and overall, the error rate
 * (http_req_failed, with each operation's documented statuses expected), and no 429 at all (the mix stays
 * under every limit). Each iteration takes the next operation of a smooth weighted round robin by its
 * test-wide iteration number, so a run split into execution segments (k6-operator parallelism) still sends
 * the same mix. The plan comes from `gateproof load` (GATEPROOF_PLAN); soak.ts runs the same with its plan.
 */
import exec from 'k6/execution';
import http from 'k6/http';
import { Rate } from 'k6/metrics';
import type { Options } from 'k6/options';
import { OPERATION_TAG } from './lib/plan-types.ts';
import { arrival, latencyThresholds, ms, readPlan, send } from './lib/runtime.ts';

const plan = readPlan();
const mix = plan.mix!;
const throttled = new Rate('gp_throttled');

const thresholds: Record<string, string[]> = {
  http_req_failed: [`rate<${plan.slo.errorRate}`],
  gp_throttled: ['rate==0'],
};
const global = latencyThresholds(plan.slo.global);
if (global.length) thresholds.http_req_duration = global;
for (const op of mix.operations) {
  const latency = latencyThresholds(op.slo);
  if (latency.length) thresholds[`http_req_duration{${OPERATION_TAG}:${op.key}}`] = latency;
}

export const options: Options = {
  scenarios: {
    mix: {
      executor: 'constant-arrival-rate',
      ...arrival(mix.rate),
      duration: ms(mix.durationS),
      preAllocatedVUs: mix.vus.preAllocated,
      maxVUs: mix.vus.max,
      gracefulStop: '10s',
    },
  },
  thresholds,
  summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(50)', 'p(90)', 'p(95)', 'p(99)', 'count'],
};

const callbacks = mix.operations.map((op) => http.expectedStatuses(...op.expectedStatuses));

export default function (): void {
  const i = mix.sequence[exec.scenario.iterationInTest % mix.sequence.length]!;
  const op = mix.operations[i]!;
  const tags = { [OPERATION_TAG]: op.key };
  const res = send(plan.baseURL, op, tags, { responseCallback: callbacks[i] });
  throttled.add(plan.signatures.throttled.statuses.indexOf(res.status) >= 0, tags);
}
