/**
 * The local gateway (`gateproof emulate`): an emulator faithful to AWS API Gateway REST APIs and HTTP APIs, with
 * fault injection. A leaf: only src/cli imports it.
 */
export { startLocalGateway, type LocalGateway, type LocalGatewayOptions } from './gateway.ts';
export { parseFaults, parseFault, FAULT_SYNTAX, type Fault, type FaultName } from './faults.ts';
export { ERRORS, type ErrorDef } from './responses.ts';
export { TokenBucket } from './buckets.ts';
export { MAX_BODY_BYTES } from './body.ts';
