import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { GateproofConfig } from '../config/load.ts';
import { GateproofError } from '../domain/errors.ts';
import { BrokerClient, DEFAULT_SELECTORS, type BrokerAuth } from './broker.ts';
import { readPactDir, type Pact } from './pact-file.ts';
import type { BrokerSource, ConsumerVersionSelector } from './verify-job.ts';

/** Where pacts come from: a local folder (default contracts/pacts, relative to the working directory) or a broker. */
export type PactSource = { kind: 'dir'; dir: string } | { kind: 'broker'; broker: BrokerSource };

export const resolvePactDir = (config: GateproofConfig, override?: string): string => resolve(override ?? config.contracts.pactDir);

/**
 * The provider-state handlers module: `contracts.stateHandlers` (relative to the config file), else
 * contracts/provider-states.ts in the working directory when it exists, else none.
 */
export function resolveStateHandlers(config: GateproofConfig, fallback = resolve('contracts/provider-states.ts')): string | undefined {
  if (config.contracts.stateHandlers) return resolve(dirname(config.configPath), config.contracts.stateHandlers);
  return existsSync(fallback) ? fallback : undefined;
}

export function brokerSource(
  auth: BrokerAuth,
  flags: {
    selectors?: ConsumerVersionSelector[];
    providerVersion?: string;
    providerBranch?: string;
    buildUrl?: string;
    enablePending?: boolean;
    includeWipPactsSince?: string;
  },
): BrokerSource {
  return {
    ...auth,
    selectors: flags.selectors?.length ? flags.selectors : DEFAULT_SELECTORS,
    enablePending: flags.enablePending ?? false,
    ...(flags.includeWipPactsSince ? { includeWipPactsSince: flags.includeWipPactsSince } : {}),
    ...(flags.providerVersion ? { providerVersion: flags.providerVersion } : {}),
    ...(flags.providerBranch ? { providerBranch: flags.providerBranch } : {}),
    ...(flags.buildUrl ? { buildUrl: flags.buildUrl } : {}),
  };
}

/** The pacts for the configured provider; none at all is a usage error that says how to get some. */
export async function loadPacts(config: GateproofConfig, source: PactSource, notice: (line: string) => void = () => {}): Promise<Pact[]> {
  const provider = config.contracts.provider;
  if (source.kind === 'broker') {
    const b = source.broker;
    const pacts = await new BrokerClient(b).pactsForVerification(provider, b.selectors, {
      providerBranch: b.providerBranch,
      includePending: b.enablePending,
      includeWipPactsSince: b.includeWipPactsSince,
    });
    if (pacts.length === 0) {
      throw new GateproofError('USAGE', `the Pact Broker has no pacts for provider "${provider}" matching the selectors ${JSON.stringify(b.selectors)}`, {
        where: b.url,
        hint: 'publish pacts (`gateproof contracts publish`), or pass other --selector values; check contracts.provider in the config',
      });
    }
    return pacts;
  }
  const all = readPactDir(source.dir);
  const mine = all.filter((p) => p.provider === provider);
  for (const other of all.filter((p) => p.provider !== provider))
    notice(`skipping ${other.source}: its provider is "${other.provider}", not "${provider}" (contracts.provider)`);
  if (mine.length === 0 || mine.every((p) => p.interactions.length === 0)) {
    throw new GateproofError('USAGE', `no pacts for provider "${provider}" in ${source.dir}`, {
      where: config.configPath,
      hint: all.length
        ? `set contracts.provider to the provider named in the pacts (${[...new Set(all.map((p) => p.provider))].join(', ')})`
        : 'generate them with `npm run contracts:consumers` (or pass --regenerate), or set contracts.pactDir / PACT_BROKER_BASE_URL',
    });
  }
  return mine;
}
