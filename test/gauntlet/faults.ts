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
  /** Another config than the examples' (window limiters), with the examples' credentials. */
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
  { faults: ['open-unknown'], catches: ['route.unknown'], alsoAffected: ['route.method', 'auth.path-variants', 'stage.exposure'], families: GATE },
  { faults: ['stage-swap:dev=prod'], catches: ['stage.routing'], alsoAffected: ['route.mapped', 'contract.verify'], families: [...GATE, 'contract'] },
  { faults: ['leak-headers'], catches: ['route.attribution'], families: GATE },
  { faults: ['status-drift:GET /pets/{petId}'], catches: ['route.mapped'], alsoAffected: ['contract.verify'], families: [...GATE, 'contract'] },
  { faults: ['cors-any'], catches: ['route.cors'], families: GATE },
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
    alsoAffected: ['route.method', 'auth.path-variants', 'stage.exposure'],
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

/** The contract's fault names, for the detection rate over the table. */
export const faultName = (fault: string): string => fault.split(':')[0]!;
