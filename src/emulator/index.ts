/** The local gateway (`gateproof emulate`): an AWS REST-API-faithful emulator with fault injection. A leaf: only src/cli imports it. */
export { startLocalGateway, type LocalGateway,  } from './gateway.ts';
export { parseFaults,     } from './faults.ts';
;
export { TokenBucket } from './buckets.ts';
export { MAX_BODY_BYTES } from './body.ts';
