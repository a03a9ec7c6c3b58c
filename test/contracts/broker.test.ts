import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalGateway } from '../../src/emulator/index.ts';
import type { GateReport } from '../../src/domain/result.ts';
import { EXAMPLE_CONFIG, ROOT, runCli, type CliResult } from '../helpers/cli.ts';
import { startBrokerStandIn, type BrokerStandIn } from './helpers/broker-stand-in.ts';
import { cliEnv, contractsFixture, leaks, startGateway, type ContractsFixture } from './helpers/planted.ts';

/**
 * The broker path, against a recording HAL stand-in (no Pact Broker can run here): publish the pacts, verify
 * what the broker selects through the local gateway and publish the results, then ask can-i-deploy.
 */
const TOKEN = 'gp-broker-token-PLANTED-4a5b6c7d';
let f: ContractsFixture;
let gateway: LocalGateway;
let broker: BrokerStandIn;
const outputs: CliResult[] = [];
const runId = `test-contracts-broker-${process.pid}`;

const cli = async (args: string[], extra: Record<string, string> = {}): Promise<CliResult> => {
  const result = await runCli(['contracts', ...args, '--config', EXAMPLE_CONFIG], {
    env: cliEnv(gateway, runId, { PACT_BROKER_BASE_URL: broker.url, PACT_BROKER_TOKEN: TOKEN, GIT_COMMIT: '', GITHUB_SHA: '', ...extra }),
  });
  outputs.push(result);
  return result;
};

beforeAll(async () => {
  f = await contractsFixture();
  gateway = await startGateway(f);
  broker = await startBrokerStandIn({ token: TOKEN });
});
afterAll(async () => {
  await Promise.all([gateway?.close(), broker?.close()]);
  rmSync(join(ROOT, 'reports', runId), { recursive: true, force: true });
  if (f) rmSync(f.tmp, { recursive: true, force: true });
});

describe('Pact Broker', () => {
  it('publishes every pact with the consumer version and branch', async () => {
    const result = await cli(['publish', '--pact-dir', f.pactDir, '--consumer-version', '1.4.0', '--branch', 'main']);
    expect(result.code, result.stderr).toBe(0);
    const puts = broker.requests.filter((r) => r.method === 'PUT').map((r) => r.path);
    expect(puts).toEqual([
      '/pacts/provider/gateproof-api/consumer/adoption-partner/version/1.4.0',
      '/pacticipants/adoption-partner/branches/main/versions/1.4.0',
      '/pacts/provider/gateproof-api/consumer/pet-portal/version/1.4.0',
      '/pacticipants/pet-portal/branches/main/versions/1.4.0',
    ]);
    expect(broker.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(broker.pacts.get('pet-portal/gateproof-api')?.version).toBe('1.4.0');
  });

  it('verifies the pacts the selectors pick and publishes the results for the provider version', async () => {
    broker.requests.length = 0;
    const result = await cli(['verify', '--stage', 'dev', '--provider-version', '9f8e7d6', '--provider-branch', 'main', '--selector', '{"mainBranch":true}']);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    const selections = broker.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/for-verification'));
    expect(selections.length).toBeGreaterThan(0);
    expect(
      selections.every((r) => JSON.stringify((r.body as { consumerVersionSelectors: unknown }).consumerVersionSelectors) === '[{"mainBranch":true}]'),
    ).toBe(true);
    const published = broker.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/verification-results'));
    expect(published.map((r) => r.path).sort()).toEqual([
      '/pacts/provider/gateproof-api/consumer/adoption-partner/latest/verification-results',
      '/pacts/provider/gateproof-api/consumer/pet-portal/latest/verification-results',
    ]);
    expect(
      published.every(
        (r) =>
          (r.body as { success: boolean; providerApplicationVersion: string }).success === true &&
          (r.body as { providerApplicationVersion: string }).providerApplicationVersion === '9f8e7d6',
      ),
    ).toBe(true);
    expect(broker.requests.some((r) => r.method === 'PUT' && r.path === '/pacticipants/gateproof-api/branches/main/versions/9f8e7d6')).toBe(true);
    const report = JSON.parse(readFileSync(join(ROOT, 'reports', runId, 'gate.json'), 'utf8')) as GateReport;
    expect(report.checks.filter((c) => c.kind === 'contract.verify' && c.status === 'passed')).toHaveLength(7);
    expect(report.checks[0]!.evidence[0]!.note).toContain(`${broker.url}/pacts/provider/gateproof-api/consumer/`);
  });

  it("answers can-i-deploy from the broker's matrix", async () => {
    const yes = await cli(['can-i-deploy', '--pacticipant', 'pet-portal', '--version', '1.4.0', '--to-environment', 'production']);
    expect(yes.code).toBe(0);
    expect(yes.stdout).toMatch(/^yes: All required verification results/m);
    const no = await cli(['can-i-deploy', '--pacticipant', 'unknown-app', '--version', '1.0.0', '--to-environment', 'production']);
    expect(no.code).toBe(1);
  });

  it('does not publish results without a provider version, and rejects a wrong token clearly', async () => {
    broker.requests.length = 0;
    expect((await cli(['verify', '--stage', 'dev'])).code).toBe(0);
    expect(broker.requests.some((r) => r.path.endsWith('/verification-results'))).toBe(false);
    const denied = await cli(['verify', '--stage', 'dev'], { PACT_BROKER_TOKEN: 'wrong-token' });
    expect(denied.code).toBe(2);
    expect(denied.stderr).toMatch(/answered 401[\s\S]*fix: check PACT_BROKER_TOKEN/);
  });

  it('never prints or reports the broker token or a credential', () => {
    const report = readFileSync(join(ROOT, 'reports', runId, 'gate.json'), 'utf8');
    for (const text of [report, ...outputs.map((o) => `${o.stdout}\n${o.stderr}`)]) {
      expect(text).not.toContain(TOKEN);
      expect(leaks(text)).toEqual([]);
    }
  });
});
