import type { Evidence } from '../domain/result.ts';
import type { HttpResponse } from './client.ts';
import type { RequestSigner } from '../domain/signing.ts';

/** A request to a stage: `path` is appended raw to the stage's base path (e.g. "/pets?limit=1"). */
export interface StageRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Operation key for per-operation pacing ("GET /pets"); omit for undeclared routes. */
  operation?: string;
  /** Throttle probes send unpaced on purpose; everything else is paced under the declared limits. */
  unpaced?: boolean;
  /**
   * A 429 is this request's finding (stage.throttle-isolation asking a neighbour stage right after a drain):
   * it is returned as answered, never retried after a back-off, and does not steer the adaptive pace.
   */
  throttleMatters?: boolean;
  timeoutMs?: number;
  /** Applied after pacing, right before sending. */
  sign?: RequestSigner;
}

/** One request/response pair with its redacted evidence. */
export interface Exchange {
  request: StageRequest & { url: string };
  response: HttpResponse;
  evidence: Evidence;
}

/** The HTTP side of a stage: the base URL and a paced sender that records evidence. */
export interface StageHttp {
  stage: string;
  baseURL: string;
  send(request: StageRequest): Promise<Exchange>;
}
