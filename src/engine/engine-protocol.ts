import type { CheckResult } from '../domain/result.ts';
import type { Exchange, StageRequest } from '../http/exchange.ts';
import type { CallOptions } from '../request/call.ts';

/**
 * The loopback protocol between the gate engine (GateSession in the process that started the run) and the
 * Playwright workers: POST JSON to a path, a per-run token in a header, the path's response as JSON (or
 * `{ error }` with status 500 when the engine could not do what was asked).
 */
interface EngineCalls {
  /** Runs (or joins) a planned check and answers its result. */
  '/check': { request: { id: string }; response: CheckResult };
  /** Sends a request to a stage through its paced client (custom checks). */
  '/send': { request: { stage: string; request: StageRequest }; response: Exchange };
  /** Sends a valid request of a spec operation, credentials and data filled in (custom checks). */
  '/call': { request: { stage: string; operation: string; options: CallOptions }; response: Exchange };
  '/ping': { request: Record<string, never>; response: { ok: true } };
}

export type EnginePath = keyof EngineCalls;
export type EngineRequest<P extends EnginePath> = EngineCalls[P]['request'];
export type EngineResponse<P extends EnginePath> = EngineCalls[P]['response'];

export const ENGINE_ENV = { url: 'GATEPROOF_ENGINE_URL', token: 'GATEPROOF_ENGINE_TOKEN' } as const;
export const ENGINE_TOKEN_HEADER = 'x-gateproof-engine-token';
