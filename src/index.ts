/** gateproof's public API. */
export { defineConfig } from './config/define.ts';
export { env } from './config/env.ts';
export type { GateproofConfigInput } from './config/schema.ts';
export { loadConfig, parseConfig, type GateproofConfig, type StageConfig } from './config/load.ts';
export { loadSpec } from './spec/load.ts';
export type * from './spec/model.ts';
export { plan, type PlanOptions } from './plan/plan.ts';
export type { Check, CheckParams } from './plan/check.ts';
export { CHECK_KINDS, FAMILIES, type CheckKind, type Family } from './plan/kinds.ts';
export { resolveProfile } from './profiles/resolve.ts';
export type { Profile, Expectation } from './profiles/profile.ts';
export { GateproofError, ExitCode } from './errors.ts';
export { startLocalGateway } from './emulator/index.ts';
export type { CheckContext, CheckOutcome, CheckRunner, Exchange, StageHttp, StageRequest } from './checks/context.ts';
