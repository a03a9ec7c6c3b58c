import type { CheckKind, Family } from './kinds.ts';

/** One planned check. Ids look like `<stage>:<kind>:<METHOD> <path>` (contract). */
export interface Check {
  id: string;
  kind: CheckKind;
  family: Family;
  stage: string;
  /** "METHOD /path" of the operation under test. */
  operation: string;
  /** Readable title, e.g. `[prod] GET /pets/{petId} › auth.expired-token`. */
  title: string;
  /** Runs after all other checks, one at a time (throttling). */
  serial: boolean;
  /** Kind-specific inputs fixed at planning time (limits, other stages, the method to try, ...). */
  params: CheckParams;
}

export interface CheckParams {
  /** Declared limits the check verifies (throttle kinds). */
  limits?: { rate: number; burst: number; scope: 'stage' | 'operation' | 'usagePlan' };
  quota?: { key: string; limit: number; period: string };
  /** Other stages involved (stage.key-isolation, stage.throttle-isolation). */
  otherStages?: string[];
  /** The undeclared method tried by route.method. */
  method?: string;
  /** stage.exposure: whether the operation should exist on this stage. */
  expectPresent?: boolean;
  /** Throttle kinds on a protected stage need --allow-protected. */
  protectedStage?: boolean;
  /** contract.* and load.threshold: what the check is about. */
  subject?: string;
}

export const checkId = (stage: string, kind: CheckKind, operation: string): string => `${stage}:${kind}:${operation}`;
export const checkTitle = (stage: string, kind: CheckKind, operation: string): string => `[${stage}] ${operation} › ${kind}`;
