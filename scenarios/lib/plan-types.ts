/**
 * The plan file gateproof's load harness (src/load) writes and the k6 scenarios read with open(). Plain data
 * and no k6 or Node API, so both sides can import it. Credentials are never in it: the harness passes them
 * to k6 in the environment (ENV.credentials / ENV.credentialsQuery), per operation.
 */

export const PLAN_VERSION = 1;

/** Environment variables between the harness and the scenarios. */
export const ENV = {
  /** Path of the plan file (not secret; may be baked into an archive). */
  plan: 'GATEPROOF_PLAN',
  /** JSON {"GET /pets": {"x-api-key": "..."}}: credential headers per operation (secret: environment only). */
  credentials: 'GATEPROOF_K6_CREDENTIALS',
  /** JSON {"GET /pets": {"api_key": "..."}}: credential query parameters per operation, only for APIs that take them there (secret). */
  credentialsQuery: 'GATEPROOF_K6_CREDENTIALS_QUERY',
} as const;

export type ScenarioName = 'throttle' | 'slo' | 'soak';

/** A profile rejection: allowed statuses, body and header regular expressions (sources). */
export interface Signature {
  statuses: number[];
  body?: string;
  headers: Record<string, string>;
}

export interface Latency {
  p50?: number;
  p90?: number;
  p95?: number;
  p99?: number;
}

/** One concrete, schema-valid request of an operation (without credentials). */
export interface PlannedRequest {
  /** "GET /pets/{petId}" */
  key: string;
  method: string;
  /** Below the stage base URL, with the query string, e.g. /pets/abc?limit=1 */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface MixOperation extends PlannedRequest {
  /** Share of the mix (relative). */
  weight: number;
  /** Statuses that count as success (http_req_failed); 429 never does in the slo mix. */
  expectedStatuses: (number | { min: number; max: number })[];
  slo?: Latency;
}

/** Tag every request and gateproof metric carries: the operation, "METHOD /path". */
export const OPERATION_TAG = 'operation';

/** A paced phase: `rate` requests/s from `startS` for `durationS`. */
export interface PacedPhase {
  startS: number;
  durationS: number;
  rate: number;
}

/** `count` VUs open a connection (an undeclared path: no token taken) during `warmupS`, then fire together. */
export interface BurstPhase {
  startS: number;
  warmupS: number;
  count: number;
}

/** Declared limits that bind an operation: a token bucket, or a window (gateproof's config reference). */
type TargetLimits = { rate: number; burst: number } | { limit: number; window: string; kind: 'fixed' | 'sliding' };

export type ThrottleTarget = PlannedRequest & TargetLimits & TargetPhases;

interface TargetPhases {
  /** Below the rate: no 429. */
  under: PacedPhase;
  /** `count` requests at once: at least about `burst` accepted, not all of them. */
  burstPhase: BurstPhase;
  /** Above the rate (twice): 429s in proportion. */
  over: PacedPhase;
  /** After the refill time, below the rate again: no 429. */
  recovery: PacedPhase;
  /**
   * What the thresholds hold: the burst's accepted share at least `minAccepted` and, when `someThrottled`,
   * below 1; the 429 share above the rate within [low, high]; the 429 share in recovery at most this.
   */
  bands: { burst: { minAccepted: number; someThrottled: boolean }; overThrottled: [number, number]; recoveryThrottled: number };
  /** Latency SLO of accepted requests. */
  slo?: Latency;
}

export interface LoadPlan {
  version: typeof PLAN_VERSION;
  scenario: ScenarioName;
  stage: string;
  /** Stage base URL without a trailing slash. */
  baseURL: string;
  signatures: { throttled: Signature };
  slo: { global: Latency; errorRate: number };
  /** slo and soak: a weighted mix at a share of the limits. */
  mix?: {
    rate: number;
    durationS: number;
    /** Operation indexes in the order iterations take them (a smooth weighted round robin). */
    sequence: number[];
    operations: MixOperation[];
    vus: { preAllocated: number; max: number };
  };
  /** throttle: one probe per throttled operation, all running side by side (separate buckets). */
  throttle?: { targets: ThrottleTarget[]; maxVUs: number };
}
