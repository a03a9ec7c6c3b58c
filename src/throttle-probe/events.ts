import { mismatches, type Profile, type ResponseLike } from '../profiles/profile.ts';

/**
 * What a throttle probe observed for one request. Times are monotonic milliseconds (performance.now()):
 * `sentAt` when the request left for the wire (written to the socket), `doneAt` when the response ended.
 */
export interface ProbeEvent {
  /** Phase of the probe the request belongs to ("under", "burst", "stream", "poll", "refill"). */
  phase: string;
  sentAt: number;
  doneAt: number;
  status: number;
  outcome: Outcome;
  /** For throttled / quota responses: how the response differs from the profile's signature (empty = matches). */
  signatureProblems?: string[];
  /** Kept for a few responses only (evidence). */
  response?: ResponseLike;
}

/**
 * accepted: the gateway let the request through (any status that is not one of its throttle rejections);
 * throttled: the profile's throttled status (429); quota: the profile's quota rejection; error: no response.
 */
export type Outcome = 'accepted' | 'throttled' | 'quota' | 'error';

/** Classifies a response by the profile: statuses decide, body and headers only say whether the signature holds. */
export function classify(profile: Pick<Profile, 'rejections'>, response: ResponseLike): { outcome: Outcome; signatureProblems?: string[] } {
  const { throttled, quota } = profile.rejections;
  const isThrottleStatus = throttled.statuses.includes(response.status);
  const isQuotaStatus = quota.statuses.includes(response.status);
  if (!isThrottleStatus && !isQuotaStatus) return { outcome: 'accepted' };
  const quotaProblems = mismatches(quota, response);
  const throttleProblems = mismatches(throttled, response);
  // Both kinds may share a status (AWS: 429); the body/header signature tells them apart.
  if (isQuotaStatus && quotaProblems.length === 0 && (throttleProblems.length > 0 || !isThrottleStatus)) return { outcome: 'quota', signatureProblems: [] };
  if (isThrottleStatus) return { outcome: 'throttled', signatureProblems: throttleProblems };
  return { outcome: 'quota', signatureProblems: quotaProblems };
}

export const count = (events: readonly ProbeEvent[], outcome: Outcome, phase?: string): number =>
  events.filter((e) => e.outcome === outcome && (phase === undefined || e.phase === phase)).length;

export const inPhase = (events: readonly ProbeEvent[], ...phases: string[]): ProbeEvent[] => events.filter((e) => phases.includes(e.phase));
