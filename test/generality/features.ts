import { configSchema } from '../../src/config/schema.ts';
import { CHECK_KINDS } from '../../src/domain/kinds.ts';

/**
 * Which gateproof features of issues 12 and 13 this tree has, read from the contract itself (the config
 * schema and the kind list), not from flags. The generality tests configure what exists and fail, naming
 * the missing feature, for each part of their proof that needs one that does not.
 */
const accepts = (stage: Record<string, unknown>, top: Record<string, unknown> = {}): boolean =>
  configSchema.safeParse({ spec: 'openapi.yaml', stages: { dev: { baseURL: 'http://127.0.0.1:1', ...stage } }, ...top }).success;

export const FEATURES = {
  /** `throttle: { limit, window, kind }` (issue 12, "Token bucket and window limiters"). */
  windowLimits: accepts({ throttle: { limit: 10, window: '1s', kind: 'sliding' } }),
  /** `oracle.path` / `oracle.method` / `oracle.query` (issue 13, "Route oracle fields for any gateway"). */
  routeOracle: accepts({
    oracle: { type: 'header', name: 'x-upstream', path: 'header:x-upstream-path', method: 'header:x-upstream-method', query: 'header:x-upstream-query' },
  }),
  /** `profile: { ..., strict: true }`: the gateway's exact wording required, not only warned about (issue 12). */
  strictProfile: accepts({}, { profile: { base: 'generic', strict: true } }),
  /** The kind `auth.implicit-methods` (issue 13). */
  implicitMethods: (CHECK_KINDS as readonly string[]).includes('auth.implicit-methods'),
  /** The kind `throttle.coverage` (issue 13). */
  throttleCoverage: (CHECK_KINDS as readonly string[]).includes('throttle.coverage'),
};

export type Feature = keyof typeof FEATURES;

const FEATURE_TEXT: Record<Feature, string> = {
  windowLimits: 'the window limiter model in the config schema (throttle: { limit, window, kind }, issue 12)',
  routeOracle: 'the route oracle fields oracle.path / oracle.method / oracle.query (issue 13)',
  strictProfile: 'the profile strict mode (profile: { strict: true }, issue 12)',
  implicitMethods: `the check kind auth.implicit-methods (issue 13)`,
  throttleCoverage: `the check kind throttle.coverage (issue 13)`,
};

/** Fails (never skips) a step whose proof needs a feature this tree lacks. */
export function requireFeature(feature: Feature): void {
  if (!FEATURES[feature]) throw new Error(`not in this tree yet: ${FEATURE_TEXT[feature]}; this step of the generality proof cannot run without it`);
}
