import { checkId, checkTitle } from '../domain/check.ts';
import type { CheckResult, LoadData } from '../domain/result.ts';
import { OPERATION_TAG, type Latency, type ScenarioName } from '../../scenarios/lib/plan-types.ts';
import type { Percentiles } from './percentiles.ts';
import type { ThresholdResult } from './summary.ts';

/** What each scenario metric means, for the expected text of its checks. */
const MEANING: Record<string, string> = {
  gp_429_under: 'share of 429 while paced at half the rate',
  gp_burst_accepted: 'share of a burst accepted at once',
  gp_429_over: 'share of 429 while paced at twice the rate',
  gp_429_recovery: 'share of 429 after the refill time, at half the rate',
  gp_429_signature_mismatch: "share of 429 answers without the profile's throttle signature",
  gp_accepted_duration: 'latency of accepted requests in the paced phases (ms)',
  gp_throttled: 'share of 429 in the mix',
  http_req_duration: 'latency (ms)',
  http_req_failed: 'error rate (statuses other than the expected ones)',
};

export interface FoldInput {
  stage: string;
  scenario: ScenarioName;
  thresholds: readonly ThresholdResult[];
  percentiles: readonly Percentiles[];
  /** SLO per operation ("*" for the global one), shown beside the percentiles. */
  slo: Record<string, Latency>;
  /** Evidence line: how the run can be reproduced / where its dashboard is. */
  source: string;
}

/**
 * One `load.threshold` check per k6 threshold (pure). Ids are stable and unique:
 * `<stage>:load.threshold:<METHOD path | *> <scenario> <metric> <expression>`, with the operation taken from
 * the metric's `operation` tag ("*" for the run as a whole).
 */
export function foldThresholds(input: FoldInput): CheckResult[] {
  return input.thresholds.map((t) => {
    const operation = t.tags[OPERATION_TAG] ?? '*';
    const subject = `${input.scenario} ${t.base} ${t.expression}`;
    const id = checkId(input.stage, 'load.threshold', `${operation} ${subject}`);
    const value = measured(t);
    const latency = t.base === 'http_req_duration' || t.base === 'gp_accepted_duration';
    const data: LoadData = {
      type: 'load',
      scenario: input.scenario,
      metric: t.metric,
      threshold: t.expression,
      ...(t.value !== undefined ? { value: t.value } : {}),
      ...(latency ? { percentiles: percentilesFor(operation, input) } : {}),
    };
    return {
      id,
      kind: 'load.threshold',
      stage: input.stage,
      operation,
      status: t.ok ? 'passed' : 'failed',
      expected: `${MEANING[t.base] ?? t.base}${operation === '*' ? '' : ` of ${operation}`}: ${t.expression} (k6 ${input.scenario})`,
      actual: `${value}${t.ok ? '' : `: threshold ${t.expression} crossed`}`,
      evidence: [{ request: input.source, note: `${t.metric}: ${t.expression} -> ${value}` }],
      title: checkTitle(input.stage, 'load.threshold', `${operation} ${subject}`),
      data,
    };
  });
}

function percentilesFor(operation: string, input: FoldInput): NonNullable<LoadData['percentiles']> {
  const rows = operation === '*' ? input.percentiles : input.percentiles.filter((p) => p.operation === operation);
  return rows.map(({ operation: op, p50, p90, p95, p99 }) => {
    const slo = input.slo[op] ?? (op === '*' ? undefined : input.slo['*']);
    const bounds = slo ? (Object.fromEntries(Object.entries(slo).filter(([, v]) => v !== undefined)) as Record<string, number>) : undefined;
    return { operation: op, p50, p90, p95, p99, ...(bounds && Object.keys(bounds).length ? { slo: bounds } : {}) };
  });
}

/** "rate=41.9% (121 of 289)", "p(95)=26.1 ms", "no samples". */
function measured(t: ThresholdResult): string {
  if (t.value === undefined) return t.samples === 0 ? 'no samples' : `${t.stat}: not in the summary`;
  const figure = `${t.stat}=${format(t.value, t.stat)}`;
  if (t.stat === 'rate' && t.hits !== undefined && t.samples !== undefined) return `${figure} (${t.hits} of ${t.samples})`;
  return t.samples !== undefined && t.stat !== 'count' ? `${figure} over ${t.samples} samples` : figure;
}

function format(value: number, stat: string): string {
  if (stat === 'rate') return `${(value * 100).toFixed(1)}%`;
  if (stat === 'count') return String(Math.round(value));
  return `${value.toFixed(1)} ms`;
}
