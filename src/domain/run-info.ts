/**
 * What a gate run reports besides its checks (gate.json `pacing`, `sampling`, `budget`): how fast it talked
 * to each stage and what it found the gateway could take, which routes the token checks were sampled on,
 * and what a budget left out.
 */

export interface AdaptivePacing {
  startRate: number;
  share: number;
  /** Protected stages: the ramp never went above this (pacing.maxRate). */
  ceiling?: number;
  /** ramping (never hit a limit), at-ceiling, or settled (backed off at a 429 or a latency rise). */
  state: string;
  /** The highest rate a whole window ran at without a 429 or latency rise (requests/s). */
  took?: number;
  /** Every change of rate: when, to what, why. */
  steps: { tMs: number; rate: number; why: string }[];
}

export interface StagePacingSummary {
  /** Every request sent (retries included). */
  requests: number;
  /** Paced requests answered 429: each was retried after backing off, never counted against the gateway. */
  throttled: number;
  /** Requests through the stage pacer / its rate: the least time pacing allows for them. */
  floorMs: number;
  /** The stage pacer's rate at the end (requests/s): the declared share, or the rate the adaptive pace settled at. */
  rate: number;
  retried?: number;
  /** Where the stage declares no limit. */
  adaptive?: AdaptivePacing;
}

export interface PacingSummary {
  stages: Record<string, StagePacingSummary>;
  /** Stages run side by side, so the run's floor is the slowest stage's. */
  floorMs: number;
  requests: number;
  throttled: number;
}

/** The token-validation checks of one authorizer on one stage ran on these of its routes. */
export interface TokenSample {
  stage: string;
  /** The security scheme(s) of the authorizer, e.g. "partner_jwt". */
  authorizer: string;
  /** Operation keys the checks ran on. */
  routes: string[];
  /** How many routes sit behind the authorizer on the stage. */
  of: number;
}

export interface BudgetSummary {
  /** As given: "5000 requests" or "60 s". */
  limit: string;
  /** What the run spent. */
  requests: number;
  durationMs: number;
  /** Checks the budget left out (each is in `checks` as skipped, saying so). */
  leftOut: number;
  leftOutByKind: Record<string, number>;
}
