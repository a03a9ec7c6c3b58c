import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { existingModule } from '../config/import-module.ts';
import type { GateproofConfig } from '../config/load.ts';
import type { GatewayModel } from '../openapi/model.ts';
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
  if (config.contracts.stateHandlers) return existingModule(resolve(dirname(config.configPath), config.contracts.stateHandlers));
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

/** The provider's name in the pacts: `contracts.provider`, else the spec's title as a slug ("Orders API" -> orders-api). */
export const providerName = (config: Pick<GateproofConfig, 'contracts'>, model: Pick<GatewayModel, 'title'>): string =>
  config.contracts.provider ?? providerSlug(model.title);

export const providerSlug = (title: string): string =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'api';

/** The pacts for the configured provider; none at all is a usage error that says how to get some (unless `allowNone`). */
export async function loadPacts(
  config: GateproofConfig,
  model: Pick<GatewayModel, 'title'>,
  source: PactSource,
  notice: (line: string) => void = () => {},
  options: { allowNone?: boolean } = {},
): Promise<Pact[]> {
  const provider = providerName(config, model);
  if (source.kind === 'broker') {
    const b = source.broker;
    const pacts = await new BrokerClient(b).pactsForVerification(provider, b.selectors, {
      providerBranch: b.providerBranch,
      includePending: b.enablePending,
      includeWipPactsSince: b.includeWipPactsSince,
    });
    if (pacts.length === 0 && !options.allowNone) {
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
  if ((mine.length === 0 || mine.every((p) => p.interactions.length === 0)) && !options.allowNone) {
    throw new GateproofError('USAGE', `no pacts for provider "${provider}" in ${source.dir}`, {
      where: config.configPath,
      hint: all.length
        ? `set contracts.provider to the provider named in the pacts (${[...new Set(all.map((p) => p.provider))].join(', ')})`
        : 'generate them from the consumer tests with `gateproof contracts verify --regenerate` (`gateproof init --contracts` scaffolds them), or set contracts.pactDir / PACT_BROKER_BASE_URL',
    });
  }
  return mine;
}
