import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runContractsPart } from '../../src/contracts/run.ts';
import type { LocalGateway } from '../../src/emulator/index.ts';
import { readPartsSafely } from '../../src/report/read-parts.ts';
import { contractsFixture, startGateway, type ContractsFixture } from './helpers/planted.ts';

/** runContractsPart is what `gateproof demo` calls: check + verify into a run folder. */
let f: ContractsFixture;
let gateway: LocalGateway;
let config: ContractsFixture['config'];

beforeAll(async () => {
  f = await contractsFixture();
  gateway = await startGateway(f);
  const stages = Object.fromEntries(Object.entries(f.config.stages).map(([name, stage]) => [name, { ...stage, baseURL: gateway.stageURL(name) }]));
  config = { ...f.config, stages };
});
afterAll(async () => {
  await gateway?.close();
  if (f) rmSync(f.tmp, { recursive: true, force: true });
});

describe("runContractsPart (the demo's contracts part)", () => {
  it('regenerates the pacts, checks them and verifies them on every stage, writing two parts', async () => {
    const dir = join(f.tmp, 'run-ok');
    mkdirSync(join(dir, 'parts'), { recursive: true });
    const { parts, broken } = await runContractsPart({
      config,
      model: f.model,
      dir,
      pactDir: join(f.tmp, 'regenerated'),
      regenerate: { vitestConfig: 'contracts/vitest.config.ts' },
    });
    expect(broken).toEqual([]);
    expect(parts.map((p) => p.part)).toEqual(['contracts-check', 'contracts-verify']);
    expect(
      readPartsSafely(dir)
        .map((p) => p.part)
        .sort(),
    ).toEqual(['contracts-check', 'contracts-verify']);
    const verify = parts[1]!;
    expect(verify.checks).toHaveLength(14);
    expect(verify.checks.filter((c) => c.status !== 'passed').map((c) => `${c.id}: ${c.actual}`)).toEqual([]);
  });

  it('fails the interactions whose provider state has no handler (never silently ignored)', async () => {
    const dir = join(f.tmp, 'run-states');
    mkdirSync(join(dir, 'parts'), { recursive: true });
    const handlers = join(f.tmp, 'partial-states.mjs');
    writeFileSync(
      handlers,
      "export default { 'a pet exists': async () => undefined, 'an owner exists': { setup: async () => { throw new Error('owner seed failed'); } } };\n",
    );
    const { parts } = await runContractsPart({ config, model: f.model, dir, pactDir: f.pactDir, stages: ['dev'], stateHandlersModule: handlers });
    const byName = Object.fromEntries(parts[1]!.checks.map((c) => [c.id.replace(/^dev:contract\.verify:\S+ \S+ /, ''), c]));
    expect(byName['pet-portal: a request for one pet']!.status).toBe('passed');
    expect(byName['pet-portal: a request for the dog catalogue']!.status).toBe('passed');
    expect(byName['adoption-partner: a request for the state of an order']).toMatchObject({
      status: 'failed',
      actual: expect.stringContaining('no provider-state handler for "an adoption order exists"'),
    });
    expect(byName['adoption-partner: a request for an owner profile']).toMatchObject({
      status: 'failed',
      actual: expect.stringContaining('provider-state handler "an owner exists" failed on setup: owner seed failed'),
    });
  });
});
