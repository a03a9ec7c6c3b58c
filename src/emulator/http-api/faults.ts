import { GateproofError } from '../../domain/errors.ts';
import { FAULT_SYNTAX, type Fault, type FaultName } from '../faults.ts';

/** Faults of REST APIs that have nothing to break on an HTTP API: asking for one is a usage error, not a silent no-op. */
const REST_ONLY: Partial<Record<FaultName, string>> = {
  'key-any-stage': 'HTTP APIs have no API keys, so there is no key for another stage to accept',
  'quota-off': 'HTTP APIs have no usage plans, so there is no quota to switch off',
  'validators-off': 'HTTP APIs have no request validators, so there is none to switch off',
  // Not yet built into the HTTP-API mode of the local gateway: refused rather than silently ignored.
  'sigv4-any': 'the HTTP-API mode of the local gateway does not verify SigV4 yet (use a REST API example for IAM routes)',
  'implicit-methods': 'the HTTP-API mode of the local gateway routes by route key; this fault is built for REST APIs only so far',
  'drop-path-param': 'not yet proven on the HTTP-API mode of the local gateway (its gauntlet has no case for it); use a REST API example',
};

/** The fault syntax an HTTP API accepts. */
const HTTP_API_FAULTS: readonly string[] = FAULT_SYNTAX.filter((f) => !(f.split(':')[0]! in REST_ONLY));

export function assertHttpApiFaults(faults: readonly Fault[]): void {
  for (const fault of faults) {
    const why = REST_ONLY[fault.name];
    if (why)
      throw new GateproofError('USAGE', `fault "${fault.raw}" does not apply to an HTTP API: ${why}`, {
        hint: `leave it out; an HTTP API takes: ${HTTP_API_FAULTS.join(', ')}`,
      });
  }
}
