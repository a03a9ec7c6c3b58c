import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { PactV4 } from '@pact-foundation/pact';
import { PLACEHOLDER } from '../../src/contracts/placeholder.ts';

/**
 * What every consumer test shares: where pacts go, the provider's name, and the credential placeholder.
 * Consumers never put a real credential in a test: their clients are configured with PLACEHOLDER, so each pact
 * records which credential slots the consumer fills, and `gateproof contracts verify` fills them with the
 * stage's credentials on the way to the gateway.
 */
export { PLACEHOLDER };

/** The provider's name in the pacts; keep it equal to `contracts.provider` in gateproof.config.ts. */
const PROVIDER = process.env.GATEPROOF_PACT_PROVIDER ?? 'gateproof-api';

export const pactDir = (): string => resolve(process.env.GATEPROOF_PACT_DIR ?? fileURLToPath(new URL('../pacts', import.meta.url)));

/** A consumer's pact with the provider (another API's consumers name theirs, e.g. examples/http-api/contracts). */
export const newPact = (consumer: string, provider = PROVIDER): PactV4 => new PactV4({ consumer, provider, dir: pactDir(), logLevel: 'warn' });
