import type { CheckResult } from '../src/domain/result.ts';
import type { Exchange, StageRequest } from '../src/http/exchange.ts';
import type { CallOptions } from '../src/request/call.ts';
import { send } from '../src/http/client.ts';
import { ENGINE_ENV, ENGINE_TOKEN_HEADER, type EnginePath } from '../src/engine/engine-protocol.ts';

/** A worker's handle on the run's gate engine (see src/engine/engine-protocol.ts). Kept light: workers restart after failures. */
export interface EngineClient {
  check(id: string): Promise<CheckResult>;
  send(stage: string, request: StageRequest): Promise<Exchange>;
  call(stage: string, operation: string, options?: CallOptions): Promise<Exchange>;
  ping(): Promise<{ ok: true }>;
}

/** Checks may legitimately take minutes (throttle recovery); the engine answers when the check is done. */
const ENGINE_TIMEOUT_MS = 15 * 60_000;

export function engineClient(env: NodeJS.ProcessEnv = process.env): EngineClient {
  const url = env[ENGINE_ENV.url];
  const token = env[ENGINE_ENV.token];
  if (!url || !token)
    throw new Error(`no gate engine: ${ENGINE_ENV.url} is not set (run through \`gateproof smoke\`, or let suites/global-setup.ts start one)`);
  const post = async <T>(path: EnginePath, body: unknown): Promise<T> => {
    const response = await send({
      method: 'POST',
      origin: url,
      path,
      headers: { 'content-type': 'application/json', [ENGINE_TOKEN_HEADER]: token },
      body: JSON.stringify(body),
      timeoutMs: ENGINE_TIMEOUT_MS,
    });
    const value = JSON.parse(response.body) as T & { error?: string };
    if (response.status !== 200) throw new Error(`gate engine ${path}: ${value.error ?? response.status}`);
    return value;
  };
  return {
    check: (id) => post('/check', { id }),
    send: (stage, request) => post('/send', { stage, request }),
    call: (stage, operation, options = {}) => post('/call', { stage, operation, options }),
    ping: () => post('/ping', {}),
  };
}
