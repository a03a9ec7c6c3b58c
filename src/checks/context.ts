import type { GateproofConfig, StageConfig } from '../config/load.ts';
import type { StageHttp } from '../http/exchange.ts';
import type { Check } from '../domain/check.ts';
import type { CheckKind } from '../domain/kinds.ts';
import type { Profile } from '../profiles/profile.ts';
import type { CheckResult, CheckStatus, Evidence } from '../domain/result.ts';
import type { GatewayModel, Operation } from '../openapi/model.ts';

/** Everything a check needs; built once per stage, shared by all checks of the stage. */
export interface CheckContext<K extends CheckKind = CheckKind> {
  check: Check<K>;
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
  /** Findings that are not failures (gate.json `warnings`). */
  warnings?: string[];
}

export type CheckRunner<K extends CheckKind = CheckKind> = (ctx: CheckContext<K>) => Promise<CheckOutcome>;
export type CheckRegistry = { [K in CheckKind]?: CheckRunner<K> };

export const toResult = (check: Check, outcome: CheckOutcome, durationMs: number): CheckResult => ({
  id: check.id,
  kind: check.kind,
  stage: check.stage,
  operation: check.target,
  status: outcome.status,
  expected: outcome.expected,
  actual: outcome.actual,
  evidence: outcome.evidence,
  title: check.title,
  durationMs: Math.round(durationMs),
  ...(outcome.data ? { data: outcome.data } : {}),
  ...(outcome.warnings?.length ? { warnings: outcome.warnings } : {}),
});

export const skipped = (expected: string, reason: string): CheckOutcome => ({ status: 'skipped', expected, actual: reason, evidence: [] });

/** Skipped on purpose (the check cannot mean anything here): the reason is also a warning, so it is never silent. */
export const skippedByDesign = (expected: string, reason: string): CheckOutcome => ({ ...skipped(expected, reason), warnings: [reason] });

/** The outcome with these warnings added (none: unchanged). */
export const withWarnings = (outcome: CheckOutcome, warnings: readonly string[]): CheckOutcome =>
  warnings.length === 0 ? outcome : { ...outcome, warnings: [...(outcome.warnings ?? []), ...warnings] };
