/**
 * The loopback protocol between the gate engine (GateSession in the process that started the run) and the
 * Playwright workers: POST JSON, a per-run token in a header, JSON answers ({ error } with status 500 when
 * the engine could not do what was asked).
 *   /check  { id }                           -> CheckResult
 *   /send   { stage, request: StageRequest } -> Exchange
 *   /call   { stage, operation, options }    -> Exchange
 *   /ping   {}                               -> { ok: true }
 */
export const ENGINE_ENV = { url: 'GATEPROOF_ENGINE_URL', token: 'GATEPROOF_ENGINE_TOKEN' } as const;
export const ENGINE_TOKEN_HEADER = 'x-gateproof-engine-token';
export const ENGINE_PATHS = ['/check', '/send', '/call', '/ping'] as const;
export type EnginePath = (typeof ENGINE_PATHS)[number];
