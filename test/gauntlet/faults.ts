import { fileURLToPath } from 'node:url';
import type { CheckKind, Family } from '../../src/domain/kinds.ts';

/**
 * The defect gauntlet: every fault of the local gateway (alone, and in a few combinations), the check
 * kinds meant to catch it, the kinds that may legitimately fail with it (the same defect seen from
 * another angle), and the families run. Anything else failing is a false alarm.
 */
export interface GauntletCase {
  faults: string[];
  /** At least one of these must fail. */
  catches: CheckKind[];
  /** These may fail too; every other kind must not. */
  alsoAffected?: CheckKind[];
  families: Family[];
  /** Throttle and load cases drain buckets or measure latency: run them alone. */
  exclusive?: boolean;
  /** The config the gate runs on (default: examples/gateproof.config.ts, the REST API; window limiters and the HTTP API have their own). */
  config?: string;
}

/** The examples' API behind window limiters (Kong-like fixed, HAProxy-like sliding). */
const WINDOWS = fileURLToPath(new URL('../checks/throttle/window.config.ts', import.meta.url));

const GATE: Family[] = ['auth', 'route', 'stage'];

export const GAUNTLET: GauntletCase[] = [
  {
    faults: ['auth-bypass:GET /pets'],
    catches: ['auth.missing'],
    alsoAffected: ['auth.invalid-key', 'auth.path-variants', 'stage.key-isolation'],
    families: GATE,
  },
  {
    faults: ['auth-bypass:POST /orders'],
    catches: ['auth.missing'],
    alsoAffected: [
      'auth.invalid-key',
      'auth.path-variants',
      'stage.key-isolation',
      'auth.malformed-token',
      'auth.expired-token',
      'auth.wrong-audience',
      'auth.wrong-issuer',
      'auth.bad-signature',
      'auth.alg-none',
    ],
    families: GATE,
  },
  { faults: ['key-any-stage'], catches: ['stage.key-isolation'], families: GATE },
  { faults: ['jwt-no-exp'], catches: ['auth.expired-token'], families: GATE },
  { faults: ['jwt-no-aud'], catches: ['auth.wrong-audience'], families: GATE },
  { faults: ['jwt-alg-none'], catches: ['auth.alg-none'], families: GATE },
  {
    faults: ['route-swap:GET /pets=GET /catalog'],
    catches: ['route.mapped'],
    alsoAffected: ['stage.routing', 'contract.verify'],
    families: [...GATE, 'contract'],
  },
  {
    faults: ['open-unknown'],
    catches: ['route.unknown'],
    alsoAffected: ['route.method', 'auth.path-variants', 'auth.implicit-methods', 'stage.exposure'],
    families: GATE,
  },
  { faults: ['stage-swap:dev=prod'], catches: ['stage.routing'], alsoAffected: ['route.mapped', 'contract.verify'], families: [...GATE, 'contract'] },
  { faults: ['leak-headers'], catches: ['route.attribution'], families: GATE },
  { faults: ['status-drift:GET /pets/{petId}'], catches: ['route.mapped'], alsoAffected: ['contract.verify'], families: [...GATE, 'contract'] },
  { faults: ['cors-any'], catches: ['route.cors'], families: GATE },
  { faults: ['sigv4-any'], catches: ['auth.bad-signature', 'auth.expired-token'], alsoAffected: ['stage.key-isolation'], families: GATE },
  { faults: ['implicit-methods'], catches: ['auth.implicit-methods'], families: GATE },
  { faults: ['validators-off'], catches: ['route.validation'], families: GATE },
  { faults: ['drop-path-param:GET /pets/{petId}'], catches: ['route.mapped'], alsoAffected: ['contract.verify'], families: [...GATE, 'contract'] },
  {
    faults: ['no-throttle'],
    catches: ['throttle.burst', 'throttle.rate'],
    alsoAffected: ['throttle.recovery', 'stage.throttle-isolation', 'throttle.coverage'],
    families: ['throttle', 'stage'],
    exclusive: true,
  },
  {
    faults: ['burst:8'],
    catches: ['throttle.burst'],
    alsoAffected: ['throttle.rate', 'throttle.recovery', 'stage.throttle-isolation'],
    families: ['throttle', 'stage'],
    exclusive: true,
  },
  {
    faults: ['rate:100'],
    catches: ['throttle.rate'],
    alsoAffected: ['throttle.burst', 'throttle.recovery', 'stage.throttle-isolation'],
    families: ['throttle', 'stage'],
    exclusive: true,
  },
  { faults: ['quota-off'], catches: ['throttle.quota'], families: ['throttle', 'stage'], exclusive: true },
  { faults: ['throttle-skip:POST /pets'], catches: ['throttle.coverage'], families: ['throttle', 'stage'], exclusive: true },
  {
    faults: ['window-limit:10'],
    catches: ['throttle.burst', 'throttle.rate'],
    alsoAffected: ['throttle.recovery', 'stage.throttle-isolation'],
    families: ['throttle', 'stage'],
    exclusive: true,
    config: WINDOWS,
  },
  { faults: ['latency:400'], catches: ['load.threshold'], families: ['route', 'load'], exclusive: true },
  { faults: ['jwt-no-aud', 'leak-headers'], catches: ['auth.wrong-audience', 'route.attribution'], families: GATE },
  {
    faults: ['key-any-stage', 'open-unknown'],
    catches: ['stage.key-isolation', 'route.unknown'],
    alsoAffected: ['route.method', 'auth.path-variants', 'auth.implicit-methods', 'stage.exposure'],
    families: GATE,
  },
  {
    faults: ['no-throttle', 'jwt-no-exp'],
    catches: ['throttle.burst', 'auth.expired-token'],
    alsoAffected: ['throttle.rate', 'throttle.recovery', 'stage.throttle-isolation', 'throttle.coverage'],
    families: ['auth', 'throttle', 'stage'],
    exclusive: true,
  },
];

/**
 * The same gauntlet in HTTP-API mode (examples/http-api): every fault that means something for an HTTP API.
 * key-any-stage and quota-off have nothing to break there (no API keys, no usage plans): the local gateway refuses
 * them with a usage error (test/emulator/http-api-faults.test.ts). One routing case also runs the example's consumer
 * contracts (the others would only add contract.verify to what they may fail, at a consumer run each).
 */
export const HTTP_API_CONFIG = fileURLToPath(new URL('../../examples/http-api/gateproof.config.ts', import.meta.url));
const JWT_ATTACKS: CheckKind[] = [
  'auth.malformed-token',
  'auth.expired-token',
  'auth.wrong-audience',
  'auth.wrong-issuer',
  'auth.bad-signature',
  'auth.alg-none',
];
const http = (c: Omit<GauntletCase, 'config'>): GauntletCase => ({ ...c, config: HTTP_API_CONFIG });

export const HTTP_API_GAUNTLET: GauntletCase[] = [
  http({
    faults: ['auth-bypass:GET /pets/{petId}'],
    catches: ['auth.missing'],
    alsoAffected: ['auth.path-variants', 'stage.key-isolation', ...JWT_ATTACKS],
    families: GATE,
  }),
  http({ faults: ['jwt-no-exp'], catches: ['auth.expired-token'], families: GATE }),
  http({ faults: ['jwt-no-aud'], catches: ['auth.wrong-audience'], families: GATE }),
  http({ faults: ['jwt-alg-none'], catches: ['auth.alg-none'], families: GATE }),
  http({
    faults: ['route-swap:GET /pets=GET /pets/{petId}'],
    catches: ['route.mapped'],
    alsoAffected: ['stage.routing', 'contract.verify'],
    families: [...GATE, 'contract'],
  }),
  http({
    faults: ['open-unknown'],
    catches: ['route.unknown'],
    alsoAffected: ['route.method', 'auth.path-variants', 'auth.implicit-methods', 'stage.exposure'],
    families: GATE,
  }),
  http({ faults: ['stage-swap:dev=prod'], catches: ['stage.routing'], alsoAffected: ['route.mapped'], families: GATE }),
  http({ faults: ['leak-headers'], catches: ['route.attribution'], families: GATE }),
  http({ faults: ['status-drift:GET /pets/{petId}'], catches: ['route.mapped'], families: GATE }),
  http({ faults: ['cors-any'], catches: ['route.cors'], families: GATE }),
  http({
    faults: ['no-throttle'],
    catches: ['throttle.burst', 'throttle.rate'],
    alsoAffected: ['throttle.recovery', 'stage.throttle-isolation', 'throttle.coverage'],
    families: ['throttle', 'stage'],
    exclusive: true,
  }),
  http({
    faults: ['burst:8'],
    catches: ['throttle.burst'],
    alsoAffected: ['throttle.rate', 'throttle.recovery', 'stage.throttle-isolation'],
    families: ['throttle', 'stage'],
    exclusive: true,
  }),
  http({
    faults: ['rate:100'],
    catches: ['throttle.rate'],
    alsoAffected: ['throttle.burst', 'throttle.recovery', 'stage.throttle-isolation'],
    families: ['throttle', 'stage'],
    exclusive: true,
  }),
  http({ faults: ['throttle-skip:GET /pets'], catches: ['throttle.coverage'], families: ['throttle', 'stage'], exclusive: true }),
  http({ faults: ['latency:400'], catches: ['load.threshold'], families: ['route', 'load'], exclusive: true }),
];

/** The contract's fault names, for the detection rate over the table. */
export const faultName = (fault: string): string => fault.split(':')[0]!;
