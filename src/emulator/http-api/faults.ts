import { GateproofError } from '../../domain/errors.ts';
import { FAULT_SYNTAX, type Fault, type FaultName } from '../faults.ts';

/** Faults of REST APIs that have nothing to break on an HTTP API: asking for one is a usage error, not a silent no-op. */
const REST_ONLY: Partial<Record<FaultName, string>> = {
  'key-any-stage': 'HTTP APIs have no API keys, so there is no key for another stage to accept',
  'quota-off': 'HTTP APIs have no usage plans, so there is no quota to switch off',
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
