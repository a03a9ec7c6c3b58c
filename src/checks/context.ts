import type { GateproofConfig, StageConfig } from '../config/load.ts';
import type { HttpResponse } from '../http/client.ts';
import type { Check } from '../plan/check.ts';
import type { CheckKind } from '../plan/kinds.ts';
import type { Profile } from '../profiles/profile.ts';
import type { CheckResult, CheckStatus, Evidence } from '../report/types.ts';
import type { GatewayModel, Operation } from '../spec/model.ts';

/** A request to a stage: `path` is appended raw to the stage's base path (e.g. "/pets?limit=1"). */
export interface StageRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Operation key for per-operation pacing ("GET /pets"); omit for undeclared routes. */
  operation?: string;
  /** Throttle probes send unpaced on purpose; everything else is paced under the declared limits. */
  unpaced?: boolean;
  timeoutMs?: number;
}

/** One request/response pair with its redacted evidence. */
export interface Exchange {
  request: StageRequest & { url: string };
  response: HttpResponse;
  evidence: Evidence;
}

/** The HTTP side of a stage: the base URL and a paced sender that records evidence. */
export interface StageHttp {
  stage: string;
  baseURL: string;
  send(request: StageRequest): Promise<Exchange>;
}

/** Everything a check needs; built once per stage, shared by all checks of the stage. */
export interface CheckContext {
  check: Check;
  config: GateproofConfig;
  model: GatewayModel;
  profile: Profile;
  stage: StageConfig;
  /** The operation under test, when the check's operation is declared in the spec. */
  operation?: Operation;
  http: StageHttp;
  /** HTTP access to the other stages (stage.* checks). */
  otherStages: Record<string, { config: StageConfig; http: StageHttp }>;
  /** --allow-protected: throttle probes may drain the buckets of a stage marked `protected: true`. */
  allowProtected?: boolean;
}

/** What a check found. Failed checks are data, not exceptions. */
export interface CheckOutcome {
  status: CheckStatus;
  expected: string;
  actual: string;
  evidence: Evidence[];
  data?: CheckResult['data'];
}

export type CheckRunner = (ctx: CheckContext) => Promise<CheckOutcome>;
export type CheckRegistry = Partial<Record<CheckKind, CheckRunner>>;

export const toResult = (check: Check, outcome: CheckOutcome, durationMs: number): CheckResult => ({
  id: check.id,
  kind: check.kind,
  stage: check.stage,
  operation: check.operation,
  status: outcome.status,
  expected: outcome.expected,
  actual: outcome.actual,
  evidence: outcome.evidence,
  title: check.title,
  durationMs: Math.round(durationMs),
  ...(outcome.data ? { data: outcome.data } : {}),
});

export const skipped = (expected: string, reason: string): CheckOutcome => ({ status: 'skipped', expected, actual: reason, evidence: [] });
