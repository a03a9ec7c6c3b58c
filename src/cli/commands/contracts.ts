import { readFileSync } from 'node:fs';
import { BrokerClient, brokerFromEnv } from '../../contracts/broker.ts';
import { readPactDir } from '../../contracts/pact-file.ts';
import { regeneratePacts } from '../../contracts/regenerate.ts';
import { specCheckPart, verifyPart } from '../../contracts/run.ts';
import { brokerSource, loadPacts, resolvePactDir, resolveStateHandlers, type PactSource } from '../../contracts/sources.ts';
import type { ConsumerVersionSelector } from '../../contracts/verify-job.ts';
import { GateproofError } from '../../domain/errors.ts';
import { resolveReportsDir } from '../../report/locate.ts';
import { newRunId, runDir, writePart } from '../../report/run-dir.ts';
import type { RunPart } from '../../domain/result.ts';
import { parseCommandArgs } from '../args.ts';
import type { Command, CommandIO } from '../command.ts';
import { loadContext } from '../context.ts';
import { finishRun } from './smoke.ts';

const USAGE = [
  'gateproof contracts verify [--stage S]... [--regenerate] [--pact-dir D] [--provider-version V] [--provider-branch B] [--selector JSON]... [--enable-pending] [--verbose]',
  '       gateproof contracts check [--regenerate] [--pact-dir D]',
  '       gateproof contracts publish [--consumer-version V] [--branch B] [--tag T]... [--pact-dir D]',
  '       gateproof contracts can-i-deploy --pacticipant P --version V --to-environment E',
].join('\n');

const DEFAULT_CONSUMER_TESTS = 'contracts/vitest.config.ts';

export const contractsCommand: Command = {
  name: 'contracts',
  summary: 'verify pacts through the gateway, check pacts against the spec, publish pacts',
  usage: USAGE,
  flags: [
    '--stage',
    '--regenerate',
    '--pact-dir',
    '--consumer-tests',
    '--provider-version',
    '--provider-branch',
    '--build-url',
    '--selector',
    '--enable-pending',
    '--include-wip-since',
    '--verbose',
    '--consumer-version',
    '--branch',
    '--tag',
    '--pacticipant',
    '--version',
    '--to-environment',
  ],
  async run(argv, io) {
    const [sub, ...rest] = argv;
    switch (sub) {
      case 'verify':
        return verify(rest, io);
      case 'check':
        return check(rest, io);
      case 'publish':
        return publish(rest, io);
      case 'can-i-deploy':
        return canIDeploy(rest, io);
      default:
        throw new GateproofError('USAGE', sub ? `unknown subcommand "${sub}"` : 'a subcommand is needed (verify, check, publish or can-i-deploy)', {
          hint: `usage: ${USAGE}`,
        });
    }
  },
};

const sourceFlags = {
  'pact-dir': { type: 'string' },
  regenerate: { type: 'boolean', default: false },
  'consumer-tests': { type: 'string' },
} as const;

async function check(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs('contracts check', argv, sourceFlags);
  const { config, model } = await loadContext(values, { lenientEnv: true });
  const source = await pactSource(config, values, io, {});
  const pacts = await loadPacts(config, source, io.err);
  const part = specCheckPart(pacts, model);
  return finish(config.reportsDir, [part], io, part.checks.some((c) => c.status === 'failed') ? 1 : 0);
}

async function verify(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs('contracts verify', argv, {
    ...sourceFlags,
    stage: { type: 'string', multiple: true },
    'provider-version': { type: 'string' },
    'provider-branch': { type: 'string' },
    'build-url': { type: 'string' },
    selector: { type: 'string', multiple: true },
    'enable-pending': { type: 'boolean', default: false },
    'include-wip-since': { type: 'string' },
    verbose: { type: 'boolean', default: false },
  });
  const { config, model } = await loadContext(values);
  const stages = values.stage?.length ? values.stage : Object.keys(config.stages);
  const source = await pactSource(config, values, io, {
    selectors: parseSelectors(values.selector),
    providerVersion: values['provider-version'] ?? process.env.GIT_COMMIT ?? process.env.GITHUB_SHA,
    providerBranch: values['provider-branch'] ?? process.env.GIT_BRANCH ?? (process.env.GITHUB_HEAD_REF || process.env.GITHUB_REF_NAME),
    buildUrl: values['build-url'],
    enablePending: values['enable-pending'],
    includeWipPactsSince: values['include-wip-since'],
  });
  const pacts = await loadPacts(config, source, io.err);
  const stateHandlersModule = resolveStateHandlers(config);
  const verbose = values.verbose || values.debug;
  const { part, broken } = await verifyPart({
    config,
    model,
    stages,
    pacts,
    source,
    ...(stateHandlersModule ? { stateHandlersModule } : {}),
    ...(verbose ? { onLine: io.err } : {}),
  });
  const failed = part.checks.some((c) => c.status === 'failed');
  return finish(config.reportsDir, [part], io, broken.length ? 3 : failed ? 1 : 0);
}

async function publish(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs('contracts publish', argv, {
    'pact-dir': { type: 'string' },
    'consumer-version': { type: 'string' },
    branch: { type: 'string' },
    tag: { type: 'string', multiple: true },
  });
  const broker = requireBroker();
  const version = values['consumer-version'] ?? process.env.GIT_COMMIT ?? process.env.GITHUB_SHA;
  if (!version)
    throw new GateproofError('USAGE', 'contracts publish: no consumer version', { hint: 'pass --consumer-version (e.g. the git commit) or set GIT_COMMIT' });
  const branch = values.branch ?? process.env.GIT_BRANCH ?? (process.env.GITHUB_HEAD_REF || process.env.GITHUB_REF_NAME);
  const { config } = await loadContext(values, { lenientEnv: true });
  const dir = resolvePactDir(config, values['pact-dir']);
  const pacts = readPactDir(dir);
  if (pacts.length === 0) throw new GateproofError('USAGE', `no pact files in ${dir}`, { hint: 'generate them first: `npm run contracts:consumers`' });
  const client = new BrokerClient(broker);
  for (const pact of pacts) {
    await client.publishPact(JSON.parse(readFileSync(pact.source, 'utf8')), pact, version, { ...(branch ? { branch } : {}), tags: values.tag ?? [] });
    io.out(
      `published ${pact.consumer} -> ${pact.provider} (${pact.interactions.length} interactions) as ${pact.consumer} ${version}${branch ? ` on branch ${branch}` : ''}`,
    );
  }
  return 0;
}

async function canIDeploy(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs('contracts can-i-deploy', argv, {
    pacticipant: { type: 'string' },
    version: { type: 'string' },
    'to-environment': { type: 'string' },
  });
  if (!values.pacticipant || !values.version || !values['to-environment']) {
    throw new GateproofError('USAGE', 'contracts can-i-deploy needs --pacticipant, --version and --to-environment', {
      hint: 'e.g. gateproof contracts can-i-deploy --pacticipant pet-portal --version $GIT_COMMIT --to-environment production',
    });
  }
  const answer = await new BrokerClient(requireBroker()).canIDeploy(values.pacticipant, values.version, values['to-environment']);
  for (const row of answer.rows) io.out(`  ${row}`);
  io.out(`${answer.deployable ? 'yes' : 'no'}: ${answer.reason}`);
  return answer.deployable ? 0 : 1;
}

/** Broker when PACT_BROKER_BASE_URL is set and neither --pact-dir nor --regenerate asks for local files. */
async function pactSource(
  config: Parameters<typeof resolvePactDir>[0],
  values: { 'pact-dir'?: string; regenerate?: boolean; 'consumer-tests'?: string },
  io: CommandIO,
  brokerFlags: Parameters<typeof brokerSource>[1],
): Promise<PactSource> {
  const broker = brokerFromEnv();
  if (broker && !values['pact-dir'] && !values.regenerate) return { kind: 'broker', broker: brokerSource(broker, brokerFlags) };
  const dir = resolvePactDir(config, values['pact-dir']);
  if (values.regenerate) {
    io.err(`regenerating pacts from the consumer tests into ${dir} ...`);
    await regeneratePacts({ vitestConfig: values['consumer-tests'] ?? DEFAULT_CONSUMER_TESTS, pactDir: dir });
  }
  return { kind: 'dir', dir };
}

function parseSelectors(values: string[] | undefined): ConsumerVersionSelector[] | undefined {
  return values?.map((text) => {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as ConsumerVersionSelector;
    } catch {
      // fall through to the usage error
    }
    throw new GateproofError('USAGE', `--selector: not a JSON object: ${text}`, {
      hint: `write e.g. --selector '{"mainBranch":true}' --selector '{"deployedOrReleased":true}'`,
    });
  });
}

function requireBroker(): NonNullable<ReturnType<typeof brokerFromEnv>> {
  const broker = brokerFromEnv();
  if (!broker)
    throw new GateproofError('CONFIG_ENV_MISSING', 'PACT_BROKER_BASE_URL is not set', {
      hint: 'set PACT_BROKER_BASE_URL and PACT_BROKER_TOKEN (or PACT_BROKER_USERNAME / PACT_BROKER_PASSWORD)',
    });
  return broker;
}

/**
 * Writes the parts into a run folder, builds the unified report and prints the verdict. The exit code is this
 * command's own (its checks), even when GATEPROOF_RUN_ID gathers other commands' parts into the same run.
 */
function finish(reportsDir: string, parts: RunPart[], io: CommandIO, code: number): number {
  const dir = runDir(resolveReportsDir(reportsDir), newRunId());
  for (const part of parts) writePart(dir, part);
  finishRun(dir, io);
  return code;
}
