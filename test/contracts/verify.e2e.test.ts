import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalGateway } from '../../src/emulator/index.ts';
import type { GateReport } from '../../src/domain/result.ts';
import { EXAMPLE_CONFIG, ROOT, runCli, type CliResult } from '../helpers/cli.ts';
import { cliEnv, contractsFixture, leaks, startGateway, textsUnder, type ContractsFixture } from './helpers/planted.ts';

/**
 * End to end, as a pipeline runs it: the bundled consumer tests generate pacts (real Pact mock server),
 * `gateproof contracts check` compares them with the spec, `gateproof contracts verify` runs Pact's real
 * verifier through the local gateway on each stage, with credentials that must never show up anywhere.
 */
let f: ContractsFixture;
let clean: LocalGateway;
let faulty: LocalGateway;
const runIds: string[] = [];
const outputs: CliResult[] = [];
const tag = `test-contracts-${process.pid}`;

const cli = async (args: string[], gateway: LocalGateway, name: string, extra: Record<string, string> = {}): Promise<CliResult> => {
  const runId = `${tag}-${name}`;
  runIds.push(runId);
  const result = await runCli(['contracts', ...args, '--config', EXAMPLE_CONFIG], { env: cliEnv(gateway, runId, extra) });
  outputs.push(result);
  return result;
};
const gateJson = (name: string): GateReport => JSON.parse(readFileSync(join(ROOT, 'reports', `${tag}-${name}`, 'gate.json'), 'utf8')) as GateReport;

beforeAll(async () => {
  f = await contractsFixture();
  clean = await startGateway(f);
  faulty = await startGateway(f, ['route-swap:GET /pets/{petId}=GET /owners/{ownerId}', 'status-drift:POST /orders']);
});

afterAll(async () => {
  await Promise.all([clean?.close(), faulty?.close()]);
  for (const id of runIds) rmSync(join(ROOT, 'reports', id), { recursive: true, force: true });
  if (f) rmSync(f.tmp, { recursive: true, force: true });
});

describe('gateproof contracts (end to end)', () => {
  it('generates one pact per consumer, and `contracts check` passes them', async () => {
    expect(readdirSync(f.pactDir).sort()).toEqual(['adoption-partner-gateproof-api.json', 'pet-portal-gateproof-api.json']);
    const result = await cli(['check', '--pact-dir', f.pactDir], clean, 'check');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/PASS\s+7 passed, 0 failed/);
    expect(gateJson('check').checks.map((c) => c.kind)).toEqual(Array(7).fill('contract.spec'));
  });

  it('verifies green against the clean local gateway on dev and prod', async () => {
    const result = await cli(['verify', '--pact-dir', f.pactDir, '--verbose'], clean, 'verify');
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    const report = gateJson('verify');
    expect(report.verdict).toBe('pass');
    expect(report.stages.sort()).toEqual(['dev', 'prod']);
    const checks = report.checks.filter((c) => c.kind === 'contract.verify');
    expect(checks).toHaveLength(14);
    expect(checks.every((c) => c.status === 'passed')).toBe(true);
    expect(checks.map((c) => c.id)).toContain('prod:contract.verify:POST /orders adoption-partner: an adoption order for an available pet');
    // The native verifier's own output went through redaction and was shown with --verbose.
    expect(result.stderr).toContain('Verifying a pact between pet-portal and gateproof-api');
  });

  it('fails verification under route-swap and status-drift, naming the interactions', async () => {
    const result = await cli(['verify', '--pact-dir', f.pactDir, '--stage', 'dev'], faulty, 'faulty');
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toContain('[dev] GET /pets/{petId} pet-portal: a request for one pet › contract.verify');
    expect(result.stdout).toContain('[dev] GET /owners/{ownerId} adoption-partner: a request for an owner profile › contract.verify');
    expect(result.stdout).toContain('[dev] POST /orders adoption-partner: an adoption order for an available pet › contract.verify');
    const failed = gateJson('faulty').checks.filter((c) => c.status === 'failed');
    expect(failed.map((c) => c.operation).sort()).toEqual(['GET /owners/{ownerId}', 'GET /pets/{petId}', 'POST /orders']);
    const drift = failed.find((c) => c.operation === 'POST /orders')!;
    expect(drift.actual).toContain('expected 201 but was');
    expect(drift.evidence[0]!.request).toBe(`POST ${faulty.stageURL('dev')}/orders`);
    expect(failed.find((c) => c.operation === 'GET /pets/{petId}')!.actual).toContain('route oracle: backend saw path /owners/');
  });

  it('catches a swap of two routes with the same response shape through the route oracle', async () => {
    const swapped = await startGateway(f, ['route-swap:GET /pets/{petId}=PUT /pets/{petId}']);
    try {
      const result = await cli(['verify', '--pact-dir', f.pactDir, '--stage', 'prod'], swapped, 'same-shape');
      expect(result.code).toBe(1);
      const failed = gateJson('same-shape').checks.filter((c) => c.status === 'failed');
      expect(failed.map((c) => c.id)).toEqual(['prod:contract.verify:GET /pets/{petId} pet-portal: a request for one pet']);
      expect(failed[0]!.actual).toBe('route oracle: backend saw method PUT, expected GET');
    } finally {
      await swapped.close();
    }
  });

  it('fails `contracts check` for a pact that drifted from the spec', async () => {
    const drifted = join(f.tmp, 'drifted');
    mkdirSync(drifted, { recursive: true });
    for (const name of readdirSync(f.pactDir)) copyFileSync(join(f.pactDir, name), join(drifted, name));
    const file = join(drifted, 'adoption-partner-gateproof-api.json');
    const pact = JSON.parse(readFileSync(file, 'utf8'));
    const owner = pact.interactions.find((i: { description: string }) => i.description === 'a request for an owner profile');
    owner.response.body.content.id = 'forty-two';
    const order = pact.interactions.find((i: { description: string }) => i.description === 'a request for the state of an order');
    order.request.path = '/purchase-orders/6f1c2a9e-3b7d-4e58-9a0c-1d2e3f4a5b6c';
    writeFileSync(file, JSON.stringify(pact));
    const result = await cli(['check', '--pact-dir', drifted], clean, 'drift');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('[spec] GET /owners/{ownerId} adoption-partner: a request for an owner profile › contract.spec');
    expect(result.stdout).toContain('response body: $.id must be integer');
    expect(result.stdout).toContain('GET /purchase-orders/6f1c2a9e-3b7d-4e58-9a0c-1d2e3f4a5b6c: the spec has no such path');
    expect(result.stdout).toMatch(/5 passed, 2 failed/);
  });

  it('exits 3 when a stage cannot be reached', async () => {
    const result = await cli(['verify', '--pact-dir', f.pactDir, '--stage', 'dev'], clean, 'unreachable', { DEV_BASE_URL: 'http://127.0.0.1:9/dev' });
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/stage dev: cannot reach http:\/\/127\.0\.0\.1:9\/dev/);
  });

  it('leaves no credential value in any pact, report or output', () => {
    const places = [
      ...textsUnder(f.pactDir),
      ...runIds.flatMap((id) => textsUnder(join(ROOT, 'reports', id))),
      ...outputs.map((o, k) => ({ file: `cli output #${k}`, text: `${o.stdout}\n${o.stderr}` })),
    ];
    expect(places.length).toBeGreaterThan(10);
    const found = places.flatMap(({ file, text }) => leaks(text).map((leak) => `${file}: ${leak}`));
    expect(found).toEqual([]);
    // The pacts record the credential slots, with the placeholder.
    expect(readFileSync(join(f.pactDir, 'adoption-partner-gateproof-api.json'), 'utf8')).toContain('Bearer gateproof-placeholder');
  });
});
