/**
 * A declared limit as the config writes it (src/config/schema.ts validates it and is where its fields are
 * documented): a token bucket (AWS, Envoy; NGINX `limit_req burst=N nodelay`) or a window (Kong, HAProxy).
 */
export type LimitShape = { rate: number; burst: number } | { limit: number; window: string; kind: 'fixed' | 'sliding' };

/** A limit's own fields (without anything else an object carries, e.g. its scope). */
export const shapeOf = (l: LimitShape): LimitShape => ('limit' in l ? { limit: l.limit, window: l.window, kind: l.kind } : { rate: l.rate, burst: l.burst });

/** Where a declared limit comes from: the stage default, an operation's own, a usage plan's (per API key). */
export type LimitScope = 'stage' | 'operation' | 'usagePlan';

/** What a throttle check may send at most: requests, and time (answers aside). Printed by `plan`. */
export interface ProbeBudget {
  requests: number;
  seconds: number;
}

/** '1s' | '10s' | '1m' | '1h' (the config schema validates the form) in milliseconds. */
export function windowMs(window: string): number {
  const m = /^(\d+)(s|m|h)$/.exec(window);
  if (!m) throw new Error(`not a window length: ${window}`);
  return Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 's' | 'm' | 'h'];
}
