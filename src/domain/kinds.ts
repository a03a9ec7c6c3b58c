/** Check kinds (contract: the README lists them; users filter and track them by these names). */
export const CHECK_KINDS = [
  'auth.missing',
  'auth.invalid-key',
  'auth.malformed-token',
  'auth.expired-token',
  'auth.wrong-audience',
  'auth.wrong-issuer',
  'auth.bad-signature',
  'auth.alg-none',
  'auth.path-variants',
  'auth.public-open',
  'auth.implicit-methods',
  'route.mapped',
  'route.unknown',
  'route.method',
  'route.validation',
  'route.attribution',
  'route.cors',
  'throttle.burst',
  'throttle.rate',
  'throttle.recovery',
  'throttle.quota',
  'throttle.coverage',
  'stage.key-isolation',
  'stage.routing',
  'stage.throttle-isolation',
  'stage.exposure',
  'contract.verify',
  'contract.spec',
  'load.threshold',
] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

export const FAMILIES = ['auth', 'route', 'stage', 'throttle', 'contract', 'load'] as const;
export type Family = (typeof FAMILIES)[number];

export const familyOf = (kind: CheckKind): Family => kind.split('.')[0] as Family;

export const JWT_KINDS = [
  'auth.malformed-token',
  'auth.expired-token',
  'auth.wrong-audience',
  'auth.wrong-issuer',
  'auth.bad-signature',
  'auth.alg-none',
] as const;

/** Kinds that drain token buckets: they run serially, after everything else. */
export const isSerialKind = (kind: CheckKind): boolean => familyOf(kind) === 'throttle' || kind === 'stage.throttle-isolation';
