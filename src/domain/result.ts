import type { CheckKind } from './kinds.ts';
import type { BudgetSummary, PacingSummary, TokenSample } from './run-info.ts';
import type { LimitShape } from './limits.ts';

/** The request/response lines that prove a result; credentials are redacted before this is stored. */
export interface Evidence {
  /** "GET http://127.0.0.1:4010/dev/pets" */
  request: string;
  requestHeaders?: Record<string, string>;
  status?: number;
  responseHeaders?: Record<string, string>;
  /** First bytes of the response body. */
  bodyExcerpt?: string;
  durationMs?: number;
  note?: string;
}

export type CheckStatus = 'passed' | 'failed' | 'skipped';

/** One check's outcome: an item of gate.json's `checks` (contract fields first). */
export interface CheckResult {
  id: string;
  kind: CheckKind;
  stage: string;
  operation: string;
  status: CheckStatus;
  expected: string;
  actual: string;
  evidence: Evidence[];
  title?: string;
  durationMs?: number;
  /** Kind-specific figures for the dashboard (throttle timeline, latency percentiles, ...). */
  data?: ThrottleData | CoverageData | LoadData | Record<string, unknown>;
  /** What the check noticed without failing (a wording that differs from the profile, a skipped-by-design probe). */
  warnings?: string[];
}

/**
 * A finding that is not a failure: gate.json's `warnings` (contract), also shown by the console, summary.md,
 * junit.xml and index.html. Never dropped silently.
 */
export interface GateWarning {
  /** Where it was found: loading the spec, planning the checks, or running a check. */
  source: 'spec' | 'plan' | 'check';
  message: string;
  /** The spec operation or route it is about ("GET /pets/{petId}"). */
  operation?: string;
  stage?: string;
  kind?: CheckKind;
  /** The id of the check that found it (source `check`). */
  check?: string;
}

export interface ThrottleData {
  type: 'throttle';
  declared: LimitShape;
  /** What the probe saw, in the declared model's terms. */
  estimated?: BucketEstimate | WindowEstimateData;
  requests: number;
  /** Per time slice: accepted vs throttled. */
  timeline: { tMs: number; accepted: number; throttled: number }[];
}

export interface BucketEstimate {
  rate?: number;
  burst?: number;
}

export interface WindowEstimateData {
  /** Requests accepted per window. */
  perWindow?: number;
  /** Window length the resets showed (ms). */
  windowMs?: number;
  /** When the limiter let requests through again after refusing, ms from the first request of the timeline. */
  resetsMs?: number[];
  /** windowed | steady (a refill, like a token bucket) | unthrottled | unclear */
  pattern?: string;
}

/** throttle.coverage: which operations refused a burst beyond their limit, by the limiter they share. */
export interface CoverageData {
  type: 'throttle-coverage';
  groups: {
    limiter: string;
    declared: LimitShape;
    operations: { operation: string; covered: boolean; accepted: number; throttled: number; note?: string }[];
  }[];
  notCovered: { operation: string; reason: string }[];
  requests: number;
}

export interface LoadData {
  type: 'load';
  scenario: string;
  metric: string;
  threshold: string;
  value?: number;
  /** Latency percentiles per operation and global, in ms. */
  percentiles?: { operation: string; p50?: number; p90?: number; p95?: number; p99?: number; slo?: Record<string, number> }[];
}

export type Verdict = 'pass' | 'fail' | 'error';

/** gate.json (contract). */
export interface GateReport {
  verdict: Verdict;
  startedAt: string;
  durationMs: number;
  target: string;
  stages: string[];
  summary: { passed: number; failed: number; skipped: number };
  checks: CheckResult[];
  /** Findings that are not failures, from every part and check (contract: always present, maybe empty). */
  warnings: GateWarning[];
  /** Why the verdict is "error" (a part could not run). */
  errors?: string[];
  /** Links to the run's tool reports (Playwright HTML, k6 dashboard), relative to the run folder. */
  links?: Record<string, string>;
  /** How fast the gate talked to each stage, and the rate it found where no limit is declared. */
  pacing?: PacingSummary;
  /** The routes each authorizer's token-validation checks ran on. */
  sampling?: TokenSample[];
  /** What --budget allowed and left out. */
  budget?: BudgetSummary;
}

/** What one part of a run (smoke, throttle, contracts, load) hands to the report. */
export interface RunPart {
  part: string;
  startedAt: string;
  durationMs: number;
  target: string;
  stages: string[];
  checks: CheckResult[];
  /** Spec and plan warnings of this part (the checks carry their own). */
  warnings?: GateWarning[];
  errors?: string[];
  links?: Record<string, string>;
  pacing?: PacingSummary;
  sampling?: TokenSample[];
  budget?: BudgetSummary;
}
