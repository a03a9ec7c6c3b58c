import type { Exchange, StageHttp, StageRequest } from './exchange.ts';
import type { Evidence } from '../domain/result.ts';
import { send, splitBaseURL, TransportError } from './client.ts';
import { exchangeEvidence, transportEvidence } from './evidence.ts';
import { acquireAll, Pacer, realClock, type Clock, type PaceLimits } from './pacer.ts';
import type { StagePacing } from './pacing.ts';

/** A request that got no HTTP answer, with the evidence of what was sent (a check turns it into a failure). */
export class ExchangeError extends Error {
  readonly transport: TransportError;
  readonly evidence: Evidence;
  constructor(transport: TransportError, evidence: Evidence) {
    super(`${transport.code}: ${transport.message}`);
    this.name = 'ExchangeError';
    this.transport = transport;
    this.evidence = evidence;
  }
}

export interface PacingStats {
  stage: string;
  /** Every request sent, paced or not. */
  requests: number;
  /** Paced requests the gateway throttled anyway (429): the pacing was wrong, or someone else drains the bucket. */
  throttled: number;
  stagePacer: { limits: PaceLimits; sent: number };
  operationPacers: Record<string, { limits: PaceLimits; sent: number }>;
}

export interface PacedStageHttp extends StageHttp {
  stats(): PacingStats;
}

export interface StageHttpOptions {
  stage: string;
  baseURL: string;
  pacing: StagePacing;
  /** Headers carrying this API's credentials (masked in evidence whatever they hold). */
  credentialHeaders?: string[];
  timeoutMs?: number;
  clock?: Clock;
}

const USER_AGENT = 'gateproof';

/** The HTTP side of one stage: raw paths below the stage's base path, paced, with redacted evidence. */
export function createStageHttp(options: StageHttpOptions): PacedStageHttp {
  const clock = options.clock ?? realClock;
  const { origin, prefix } = splitBaseURL(options.baseURL);
  const stagePacer = new Pacer(options.pacing.stage, clock.now());
  const operationPacers = new Map(Object.entries(options.pacing.operations).map(([key, limits]) => [key, new Pacer(limits, clock.now())]));
  const credentialHeaders = options.credentialHeaders ?? [];
  let requests = 0;
  let throttled = 0;

  return {
    stage: options.stage,
    baseURL: options.baseURL,
    async send(request: StageRequest): Promise<Exchange> {
      const path = `${prefix}${request.path}`;
      const url = `${origin}${path}`;
      if (!request.unpaced) {
        const extra = request.operation ? operationPacers.get(request.operation) : undefined;
        await acquireAll(extra ? [stagePacer, extra] : [stagePacer], clock);
      }
      const unsigned = { 'user-agent': USER_AGENT, ...request.headers };
      const headers = request.sign ? await request.sign({ method: request.method, origin, path, headers: unsigned, body: request.body }) : unsigned;
      requests += 1;
      const sent = { method: request.method, url, headers };
      try {
        const response = await send({ method: request.method, origin, path, headers, body: request.body, timeoutMs: request.timeoutMs ?? options.timeoutMs });
        if (response.status === 429 && !request.unpaced) throttled += 1;
        return { request: { ...request, url }, response, evidence: exchangeEvidence(sent, response, credentialHeaders) };
      } catch (e) {
        if (e instanceof TransportError) throw new ExchangeError(e, transportEvidence(sent, `${e.code}: ${e.message}`, credentialHeaders));
        throw e;
      }
    },
    stats: () => ({
      stage: options.stage,
      requests,
      throttled,
      stagePacer: { limits: stagePacer.limits, sent: stagePacer.sent },
      operationPacers: Object.fromEntries([...operationPacers].map(([key, p]) => [key, { limits: p.limits, sent: p.sent }])),
    }),
  };
}
