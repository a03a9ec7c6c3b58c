/** gateproof's public API. */
export { defineConfig } from './config/define.ts';
export { env } from './config/env.ts';
export type { GateproofConfigInput } from './config/schema.ts';
export { loadConfig, parseConfig, type GateproofConfig, type StageConfig } from './config/load.ts';
export { loadSpec } from './openapi/load.ts';
export type * from './openapi/model.ts';
export { plan, type PlanOptions } from './plan/plan.ts';
export type { Check, ParamsOf } from './domain/check.ts';
export { CHECK_KINDS, FAMILIES, type CheckKind, type Family } from './domain/kinds.ts';
export { resolveProfile } from './profiles/resolve.ts';
export type { Profile, Expectation } from './profiles/profile.ts';
export { GateproofError, ExitCode } from './domain/errors.ts';
export type { CheckContext, CheckOutcome, CheckRunner } from './checks/context.ts';
export type { Exchange, StageHttp, StageRequest } from './http/exchange.ts';
export { PLACEHOLDER } from './contracts/placeholder.ts';
export type { StateHandlers, StateHandler } from './contracts/state-handlers.ts';
