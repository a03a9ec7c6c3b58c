import type { CheckKind, Family } from './kinds.ts';
import type { LimitScope, LimitShape, ProbeBudget } from './limits.ts';

/** The limits a throttle check verifies, and where in the config they come from. */
export type DeclaredLimits = LimitShape & { scope: LimitScope };

/** Operations that share one limiter (throttle.coverage): one burst drains it for all of them. */
export interface CoverageGroup {
  /** The limiter's name within the stage (gateway/limits.ts), e.g. "usage plan" or "stage GET /pets". */
  limiter: string;
  limits: DeclaredLimits;
  /** The spec operations it counts, the first one drained. */
  operations: string[];
  /** Requests the group may take, a repeat included. */
  requests: number;
}

interface DeclaredQuota {
  key: string;
  limit: number;
  period: string;
}

/**
 * One request route.validation sends with valid credentials but an invalid body or a missing required
 * parameter; `property` / `name` say which part is broken.
 */
export type ValidationProbe =
  | { kind: 'empty-body' }
  | { kind: 'missing-property'; property: string }
  | { kind: 'wrong-type'; property: string; expectedType: string }
  | { kind: 'extra-property'; property: string }
  | { kind: 'missing-parameter'; in: 'query' | 'header'; name: string };

/** What the gateway validates for an operation, and who says so. */
export interface DeclaredValidation {
  body: boolean;
  parameters: boolean;
  /** "x-amazon-apigateway-request-validator all", "config validation". */
  source: string;
}

interface ThrottleParams {
  limits: DeclaredLimits;
  budget: ProbeBudget;
}

/** The inputs each kind fixes at planning time; kinds not listed take none. */
interface KindParams {
  /** Methods sent without credentials to the secured route's path (the target names its operation). */
  'auth.implicit-methods': { path: string; methods: string[] };
  /**
   * The undeclared request tried (route.unknown: a path; route.method: a method on a declared path).
   * `coveredBy`: the root catch-all (e.g. "ANY /{proxy+}") that serves every path, so no path is undeclared.
   */
  'route.unknown': { method: string; path: string; coveredBy?: string };
  'route.method': { method: string; path: string };
  /** The probes of a validated operation; an operation the gateway does not validate has none (a warning). */
  'route.validation': { validation: DeclaredValidation | null; probes: ValidationProbe[] };
  'stage.exposure': { expectPresent: boolean };
  'stage.key-isolation': { otherStages: string[] };
  'stage.throttle-isolation': ThrottleParams & { otherStages: string[] };
  'throttle.burst': ThrottleParams;
  'throttle.rate': ThrottleParams;
  'throttle.recovery': ThrottleParams;
  'throttle.quota': { quota: DeclaredQuota };
  'throttle.coverage': { groups: CoverageGroup[]; notCovered: { operation: string; reason: string }[]; budget: ProbeBudget };
  /** What a contract or load check is about (the pact interaction, the k6 threshold). */
  'contract.verify': { subject: string };
  'contract.spec': { subject: string };
  'load.threshold': { subject: string };
}

export type ParamsOf<K extends CheckKind> = K extends keyof KindParams ? KindParams[K] : Record<string, never>;

interface CheckOf<K extends CheckKind> {
  /** `<stage>:<kind>:<target>` (contract). */
  id: string;
  kind: K;
  family: Family;
  stage: string;
  /** What the check addresses, as its id shows it: "METHOD /path" (an operation, or an undeclared route). */
  target: string;
  /** The key of the spec operation under test ("GET /pets/{petId}"), when the check tests one. */
  operation?: string;
  /** Readable title, e.g. `[prod] GET /pets/{petId} › auth.expired-token`. */
  title: string;
  /** Runs after all other checks, one at a time (throttling). */
  serial: boolean;
  params: ParamsOf<K>;
}

/** One planned check; narrowing on `kind` types its `params`. */
export type Check<K extends CheckKind = CheckKind> = K extends CheckKind ? CheckOf<K> : never;

export const checkId = (stage: string, kind: CheckKind, target: string): string => `${stage}:${kind}:${target}`;
export const checkTitle = (stage: string, kind: CheckKind, target: string): string => `[${stage}] ${target} › ${kind}`;
