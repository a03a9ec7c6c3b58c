import type { Exchange, StageHttp, StageRequest } from './exchange.ts';
import type { Evidence } from '../domain/result.ts';
import { send, splitBaseURL, TransportError } from './client.ts';
import { exchangeEvidence, transportEvidence } from './evidence.ts';
import { acquireAll, Pacer, realClock, type Clock, type PaceLimits } from './pacer.ts';
import { undeclaredLimits, type StagePacing } from './pacing.ts';
import { RateRamp, type RampSettings, type RampState, type RampStep } from './ramp.ts';

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
  /** Every request sent, paced or not (retries included). */
  requests: number;
  /** Paced requests the gateway throttled anyway (429): the adaptive pace found the limit, the pacing was wrong, or someone else drains the bucket. */
  throttled: number;
  /** Paced requests sent again after a 429 and a back-off (the check saw the later answer). */
  retried: number;
  stagePacer: { limits: PaceLimits; sent: number; floorMs?: number };
  operationPacers: Record<string, { limits: PaceLimits; sent: number; floorMs?: number }>;
  /** The adaptive pace, where the stage declares no limit. */
  ramp?: { settings: RampSettings; state: RampState; took?: number; steps: RampStep[] };
}

export interface PacedStageHttp extends StageHttp {
  stats(): PacingStats;
}

export interface StageHttpOptions {
  stage: string;
  baseURL: string;
  pacing: StagePacing;
  /** Where the stage declares no limit: how its pace adapts (src/http/ramp.ts). */
  ramp?: RampSettings;
  /** Headers carrying this API's credentials (masked in evidence whatever they hold). */
  credentialHeaders?: string[];
  timeoutMs?: number;
  clock?: Clock;
}

const USER_AGENT = 'gateproof';
/** A paced request answered 429 is sent again (after backing off) this many times before the check sees the 429. */
const MAX_RETRIES = 4;
const RETRY_BASE_MS = 250;
const MAX_RETRY_AFTER_MS = 10_000;

/**
 * The HTTP side of one stage: raw paths below the stage's base path, paced, with redacted evidence.
 *
 * A paced request answered 429 is the pace's problem, not the gateway's: it feeds the adaptive ramp (which
 * backs off) and is sent again after a back-off, so no check fails for the gate's own speed; only after
 * MAX_RETRIES does the check see the 429. Requests whose 429 is the finding (`throttleMatters`) and unpaced
 * probes are returned as answered.
 */
export function createStageHttp(options: StageHttpOptions): PacedStageHttp {
  const clock = options.clock ?? realClock;
  const { origin, prefix } = splitBaseURL(options.baseURL);
  const ramp = options.ramp ? new RateRamp(options.ramp, clock.now()) : undefined;
  const stagePacer = new Pacer(ramp ? undeclaredLimits(ramp.rate) : options.pacing.stage, clock.now());
  const operationPacers = new Map(Object.entries(options.pacing.operations).map(([key, limits]) => [key, new Pacer(limits, clock.now())]));
  const credentialHeaders = options.credentialHeaders ?? [];
  let requests = 0;
  let throttled = 0;
  let retried = 0;

  const sendOnce = async (request: StageRequest, paced: boolean): Promise<Exchange> => {
    const path = `${prefix}${request.path}`;
    const url = `${origin}${path}`;
    if (paced) {
      const extra = request.operation ? operationPacers.get(request.operation) : undefined;
      await acquireAll(extra ? [stagePacer, extra] : [stagePacer], clock);
    }
    // Signed after pacing: a SigV4 signature dates the request, and a paced request may wait.
    const unsigned = { 'user-agent': USER_AGENT, ...request.headers };
    const headers = request.sign ? await request.sign({ method: request.method, origin, path, headers: unsigned, body: request.body }) : unsigned;
    requests += 1;
    const sentAt = clock.now();
    if (paced) ramp?.onSend();
    const sent = { method: request.method, url, headers };
    try {
      const response = await send({ method: request.method, origin, path, headers, body: request.body, timeoutMs: request.timeoutMs ?? options.timeoutMs });
      if (paced && response.status === 429) throttled += 1;
      if (paced && !request.throttleMatters && ramp?.onAnswer(sentAt, clock.now(), { throttled: response.status === 429, latencyMs: response.durationMs })) {
        stagePacer.setLimits(undeclaredLimits(ramp.rate), clock.now());
      }
      return { request: { ...request, url }, response, evidence: exchangeEvidence(sent, response, credentialHeaders) };
    } catch (e) {
      if (e instanceof TransportError) throw new ExchangeError(e, transportEvidence(sent, `${e.code}: ${e.message}`, credentialHeaders));
      throw e;
    }
  };

  return {
    stage: options.stage,
    baseURL: options.baseURL,
    async send(request: StageRequest): Promise<Exchange> {
      const paced = !request.unpaced;
      for (let attempt = 0; ; attempt++) {
        const exchange = await sendOnce(request, paced);
        if (exchange.response.status !== 429 || !paced || request.throttleMatters || attempt >= MAX_RETRIES) return exchange;
        retried += 1;
        await clock.sleep(retryDelayMs(exchange.response.headers['retry-after'], attempt));
      }
    },
    stats: () => ({
      stage: options.stage,
      requests,
      throttled,
      retried,
      stagePacer: { limits: stagePacer.limits, sent: stagePacer.sent, floorMs: Math.round(stagePacer.floorMs) },
      operationPacers: Object.fromEntries([...operationPacers].map(([key, p]) => [key, { limits: p.limits, sent: p.sent, floorMs: Math.round(p.floorMs) }])),
      ...(ramp
        ? { ramp: { settings: ramp.settings, state: ramp.state, ...(ramp.took !== undefined ? { took: Math.round(ramp.took) } : {}), steps: ramp.steps } }
        : {}),
    }),
  };
}

/** Retry-After (seconds, bounded) when the gateway sends one, else an exponential back-off. */
function retryDelayMs(retryAfter: string | undefined, attempt: number): number {
  const seconds = Number(retryAfter);
  if (retryAfter !== undefined && Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, MAX_RETRY_AFTER_MS);
  return RETRY_BASE_MS * 2 ** attempt;
}
