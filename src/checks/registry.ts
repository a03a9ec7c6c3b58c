import { JWT_KINDS, type CheckKind } from '../domain/kinds.ts';
import { authImplicitMethods } from './auth/implicit-methods.ts';
import { authInvalidKey } from './auth/invalid-key.ts';
import { authMissing } from './auth/missing.ts';
import { negativeTokenRunner } from './auth/negative-token.ts';
import { authPathVariants } from './auth/path-variants.ts';
import { authPublicOpen } from './auth/public-open.ts';
import { signatureOrTokenRunner } from './auth/sigv4.ts';
import type { CheckRegistry, CheckRunner } from './context.ts';
import { routeAttribution } from './route/attribution.ts';
import { routeCors } from './route/cors.ts';
import { routeMapped } from './route/mapped.ts';
import { routeMethod, routeUnknown } from './route/undeclared.ts';
import { routeValidation } from './route/validation.ts';
import { stageExposure } from './stage/exposure.ts';
import { stageKeyIsolation } from './stage/key-isolation.ts';
import { stageRouting } from './stage/routing.ts';
import { throttleRunners } from './throttle/index.ts';

/** CheckKind -> runner for the kinds the gate suite runs (contract.* and load.* come from their own parts). */
const registry: CheckRegistry = {
  'auth.missing': authMissing,
  'auth.invalid-key': authInvalidKey,
  ...Object.fromEntries(JWT_KINDS.map((kind) => [kind, negativeTokenRunner(kind)])),
  'auth.bad-signature': signatureOrTokenRunner('auth.bad-signature', negativeTokenRunner('auth.bad-signature')),
  'auth.expired-token': signatureOrTokenRunner('auth.expired-token', negativeTokenRunner('auth.expired-token')),
  'auth.path-variants': authPathVariants,
  'auth.public-open': authPublicOpen,
  'auth.implicit-methods': authImplicitMethods,
  'route.mapped': routeMapped,
  'route.unknown': routeUnknown,
  'route.method': routeMethod,
  'route.validation': routeValidation,
  'route.attribution': routeAttribution,
  'route.cors': routeCors,
  'stage.key-isolation': stageKeyIsolation,
  'stage.routing': stageRouting,
  'stage.exposure': stageExposure,
  // throttle.* and stage.throttle-isolation (serial, drain token buckets): src/checks/throttle/.
  ...throttleRunners,
};

/** The runner of a check's kind. The registry pairs each kind with the runner typed for it; the widening here is that pairing. */
export const runnerFor = (kind: CheckKind): CheckRunner | undefined => registry[kind] as CheckRunner | undefined;
