import { GateproofError } from '../domain/errors.ts';

/** One injected misconfiguration (the names are contract: README "Faults"). */
export type Fault =
  | { name: 'auth-bypass'; raw: string; operation: string }
  | { name: 'key-any-stage'; raw: string }
  | { name: 'jwt-no-exp'; raw: string }
  | { name: 'jwt-no-aud'; raw: string }
  | { name: 'jwt-alg-none'; raw: string }
  | { name: 'no-throttle'; raw: string }
  | { name: 'burst'; raw: string; value: number }
  | { name: 'rate'; raw: string; value: number }
  | { name: 'window-limit'; raw: string; value: number }
  | { name: 'throttle-skip'; raw: string; operation: string }
  | { name: 'quota-off'; raw: string }
  | { name: 'route-swap'; raw: string; a: string; b: string }
  | { name: 'open-unknown'; raw: string }
  | { name: 'stage-swap'; raw: string; from: string; to: string }
  | { name: 'latency'; raw: string; ms: number }
  | { name: 'leak-headers'; raw: string }
  | { name: 'status-drift'; raw: string; operation: string }
  | { name: 'cors-any'; raw: string }
  | { name: 'sigv4-any'; raw: string }
  | { name: 'implicit-methods'; raw: string }
  | { name: 'validators-off'; raw: string }
  | { name: 'drop-path-param'; raw: string; operation: string };

export type FaultName = Fault['name'];

export const FAULT_SYNTAX: readonly string[] = [
  'auth-bypass:<METHOD> <path>',
  'key-any-stage',
  'jwt-no-exp',
  'jwt-no-aud',
  'jwt-alg-none',
  'no-throttle',
  'burst:<n>',
  'rate:<r>',
  'window-limit:<n>',
  'throttle-skip:<METHOD> <path>',
  'quota-off',
  'route-swap:<METHOD> <path>=<METHOD> <path>',
  'open-unknown',
  'stage-swap:<a>=<b>',
  'latency:<ms>',
  'leak-headers',
  'status-drift:<METHOD> <path>',
  'cors-any',
  'sigv4-any',
  'implicit-methods',
  'validators-off',
  'drop-path-param:<METHOD> <path>',
];

const FLAGS = [
  'key-any-stage',
  'jwt-no-exp',
  'jwt-no-aud',
  'jwt-alg-none',
  'no-throttle',
  'quota-off',
  'open-unknown',
  'leak-headers',
  'cors-any',
  'sigv4-any',
  'implicit-methods',
  'validators-off',
] as const;
const OPERATION = /^(GET|PUT|POST|DELETE|OPTIONS|HEAD|PATCH|ANY) \/\S*$/;
const STAGE = /^[A-Za-z0-9_$-]+$/;

/** Parses `--fault` values; an unknown or malformed fault is a usage error (exit 2) naming it. */
export function parseFaults(values: readonly string[] = []): Fault[] {
  return values.map(parseFault);
}

export function parseFault(raw: string): Fault {
  const text = raw.trim();
  const colon = text.indexOf(':');
  const name = colon < 0 ? text : text.slice(0, colon);
  const arg = colon < 0 ? undefined : text.slice(colon + 1).trim();
  if ((FLAGS as readonly string[]).includes(name)) {
    if (arg !== undefined) throw malformed(raw, `"${name}" takes no argument`);
    return { name: name as (typeof FLAGS)[number], raw: text };
  }
  switch (name) {
    case 'auth-bypass':
    case 'status-drift':
    case 'drop-path-param':
    case 'throttle-skip':
      return { name, raw: text, operation: operation(raw, arg) };
    case 'burst':
      return { name, raw: text, value: number(raw, arg, true) };
    case 'rate':
      return { name, raw: text, value: number(raw, arg, false) };
    case 'window-limit':
      return { name, raw: text, value: number(raw, arg, true) };
    case 'latency':
      return { name, raw: text, ms: number(raw, arg, true) };
    case 'route-swap': {
      const [a, b, extra] = (arg ?? '').split('=');
      if (extra !== undefined || a === undefined || b === undefined) throw malformed(raw, 'write route-swap:<METHOD> <path>=<METHOD> <path>');
      return { name, raw: text, a: operation(raw, a), b: operation(raw, b) };
    }
    case 'stage-swap': {
      const [from, to, extra] = (arg ?? '').split('=').map((s) => s.trim());
      if (extra !== undefined || !from || !to || !STAGE.test(from) || !STAGE.test(to)) throw malformed(raw, 'write stage-swap:<a>=<b> with two stage names');
      return { name, raw: text, from, to };
    }
    default:
      throw new GateproofError('USAGE', `unknown fault "${raw}"`, { hint: `use one of: ${FAULT_SYNTAX.join(', ')}` });
  }
}

function operation(raw: string, arg: string | undefined): string {
  const op = (arg ?? '').trim().replace(/\s+/, ' ');
  const [method = '', ...rest] = op.split(' ');
  const normalized = `${method.toUpperCase()} ${rest.join(' ')}`;
  if (!OPERATION.test(normalized)) throw malformed(raw, 'an operation is written "<METHOD> <path>", e.g. "GET /pets/{petId}"');
  return normalized;
}

function number(raw: string, arg: string | undefined, integer: boolean): number {
  const value = Number(arg);
  if (arg === undefined || arg === '' || !Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw malformed(raw, `expects a non-negative ${integer ? 'integer' : 'number'}`);
  }
  return value;
}

const malformed = (raw: string, why: string): GateproofError =>
  new GateproofError('USAGE', `malformed fault "${raw}": ${why}`, { hint: `valid faults: ${FAULT_SYNTAX.join(', ')}` });

/** The faults folded into lookups the request path uses. */
export interface FaultSet {
  list: Fault[];
  authBypass: Set<string>;
  keyAnyStage: boolean;
  jwtNoExp: boolean;
  jwtNoAud: boolean;
  jwtAlgNone: boolean;
  noThrottle: boolean;
  /** Token buckets use these instead of the configured burst / rate. */
  burst?: number;
  rate?: number;
  /** Window limiters use this instead of the configured limit. */
  windowLimit?: number;
  /** Operations no limiter counts. */
  throttleSkip: Set<string>;
  quotaOff: boolean;
  /** operation -> the operation whose integration it uses. */
  routeSwap: Map<string, string>;
  openUnknown: boolean;
  /** stage -> the stage whose backend answers its traffic. */
  stageSwap: Map<string, string>;
  latencyMs: number;
  leakHeaders: boolean;
  statusDrift: Set<string>;
  corsAny: boolean;
  /** Any `Authorization: AWS4-HMAC-SHA256 ...` header passes, unverified. */
  sigv4Any: boolean;
  /** HEAD and OPTIONS on a resource with a GET reach the GET's integration without any check. */
  implicitMethods: boolean;
  validatorsOff: boolean;
  /** Operations whose integration request loses its path parameters. */
  dropPathParam: Set<string>;
}

/** Folds faults and checks that the operations and stages they name exist. */
export function compileFaults(faults: Fault[], knownOperations: Set<string>, knownStages: Set<string>): FaultSet {
  const set: FaultSet = {
    list: faults,
    authBypass: new Set(),
    keyAnyStage: false,
    jwtNoExp: false,
    jwtNoAud: false,
    jwtAlgNone: false,
    noThrottle: false,
    throttleSkip: new Set(),
    quotaOff: false,
    routeSwap: new Map(),
    openUnknown: false,
    stageSwap: new Map(),
    latencyMs: 0,
    leakHeaders: false,
    statusDrift: new Set(),
    corsAny: false,
    sigv4Any: false,
    implicitMethods: false,
    validatorsOff: false,
    dropPathParam: new Set(),
  };
  const needOp = (f: Fault, op: string): string => {
    if (!knownOperations.has(op))
      throw new GateproofError('USAGE', `fault "${f.raw}" names "${op}", which is not an operation of the spec`, {
        hint: `use one of: ${[...knownOperations].join(', ')}`,
      });
    return op;
  };
  const needStage = (f: Fault, stage: string): string => {
    if (!knownStages.has(stage))
      throw new GateproofError('USAGE', `fault "${f.raw}" names stage "${stage}", which is not in the config`, {
        hint: `use one of: ${[...knownStages].join(', ')}`,
      });
    return stage;
  };
  for (const f of faults) {
    switch (f.name) {
      case 'auth-bypass':
        set.authBypass.add(needOp(f, f.operation));
        break;
      case 'status-drift':
        set.statusDrift.add(needOp(f, f.operation));
        break;
      case 'drop-path-param':
        if (!needOp(f, f.operation).includes('{'))
          throw new GateproofError('USAGE', `fault "${f.raw}" names "${f.operation}", which has no path parameter to drop`, {
            hint: 'name an operation whose path has a {parameter}, e.g. "GET /pets/{petId}"',
          });
        set.dropPathParam.add(f.operation);
        break;
      case 'throttle-skip':
        set.throttleSkip.add(needOp(f, f.operation));
        break;
      case 'route-swap':
        set.routeSwap.set(needOp(f, f.a), needOp(f, f.b));
        set.routeSwap.set(f.b, f.a);
        break;
      case 'stage-swap':
        set.stageSwap.set(needStage(f, f.from), needStage(f, f.to));
        break;
      case 'burst':
        set.burst = f.value;
        break;
      case 'rate':
        set.rate = f.value;
        break;
      case 'window-limit':
        set.windowLimit = f.value;
        break;
      case 'latency':
        set.latencyMs = f.ms;
        break;
      case 'key-any-stage':
        set.keyAnyStage = true;
        break;
      case 'jwt-no-exp':
        set.jwtNoExp = true;
        break;
      case 'jwt-no-aud':
        set.jwtNoAud = true;
        break;
      case 'jwt-alg-none':
        set.jwtAlgNone = true;
        break;
      case 'no-throttle':
        set.noThrottle = true;
        break;
      case 'quota-off':
        set.quotaOff = true;
        break;
      case 'open-unknown':
        set.openUnknown = true;
        break;
      case 'leak-headers':
        set.leakHeaders = true;
        break;
      case 'cors-any':
        set.corsAny = true;
        break;
      case 'sigv4-any':
        set.sigv4Any = true;
        break;
      case 'implicit-methods':
        set.implicitMethods = true;
        break;
      case 'validators-off':
        set.validatorsOff = true;
        break;
    }
  }
  return set;
}
