import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readPactDir, type PactInteraction } from '../../src/contracts/pact-file.ts';
import type { RecordedExchange } from '../../src/contracts/request-filter.ts';
import { readVerdicts, type VerifierJson } from '../../src/contracts/verifier-result.ts';
import { verificationChecks } from '../../src/contracts/verify-checks.ts';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
/** The native verifier's JSON from a run against the local gateway with route-swap (GET /pets/{petId} = GET /owners/{ownerId}) and status-drift (POST /orders). */
const failed = JSON.parse(readFileSync(fixture('verifier-failed.json'), 'utf8')) as VerifierJson;
const interactions = readPactDir(fixture('pacts')).flatMap((p) => p.interactions);
const operationOf = (i: PactInteraction): string => `${i.request.method} ${i.request.path}`;

describe("reading the verifier's structured result", () => {
  it('maps every interaction result onto its pact interaction, with its mismatches', () => {
    const { verdicts, unattributed } = readVerdicts(failed, interactions);
    expect(unattributed).toEqual([]);
    expect(verdicts).toHaveLength(7);
    const byName = Object.fromEntries(verdicts.map((v) => [`${v.interaction.consumer}: ${v.interaction.description}`, v]));
    expect(byName['pet-portal: a request for the dog catalogue']).toMatchObject({ result: 'ok', mismatches: [] });
    expect(byName['adoption-partner: an adoption order for an available pet']).toMatchObject({ result: 'error', actualStatus: 299 });
    expect(byName['adoption-partner: an adoption order for an available pet']!.mismatches).toContain('status: expected 201 but was 299');
    expect(byName['pet-portal: a request for one pet']!.mismatches.join('\n')).toMatch(/body \$\.id: Expected '761' to match/);
  });

  it('keeps interactions the verifier never reported, and errors it cannot attribute', () => {
    const json: VerifierJson = {
      result: false,
      interactionResults: [],
      errors: [{ interaction: 'Failed to load pact', mismatch: { type: 'error', message: 'No pacts found' } }],
      output: [],
    };
    const { verdicts, unattributed } = readVerdicts(json, interactions.slice(0, 2));
    expect(verdicts.map((v) => v.result)).toEqual(['missing', 'missing']);
    expect(unattributed).toEqual(['Failed to load pact: No pacts found']);
  });

  it('tells apart equal descriptions of different consumers by the pact each result was printed under', () => {
    const a = { ...interactions[0]!, consumer: 'alpha' };
    const b = { ...interactions[0]!, consumer: 'beta' };
    const json: VerifierJson = {
      interactionResults: [
        { description: a.description, result: 'OK' },
        { description: a.description, result: 'Error' },
      ],
      output: [
        'Verifying a pact between alpha and gateproof-api',
        `  ${a.description} (0s loading, 1ms verification)`,
        'Verifying a pact between beta and gateproof-api',
        `  ${a.description} (0s loading, 1ms verification)`,
      ],
      errors: [],
    };
    const { verdicts } = readVerdicts(json, [b, a]);
    expect(verdicts.map((v) => [v.interaction.consumer, v.result])).toEqual([
      ['alpha', 'ok'],
      ['beta', 'error'],
    ]);
  });
});

describe('contract.verify checks', () => {
  const { verdicts } = readVerdicts(failed, interactions);
  const exchange = (method: string, target: string, status: number): RecordedExchange => ({
    method,
    target,
    status,
    requestHeaders: { 'x-api-key': 'gateproof-placeholder' },
    responseHeaders: { 'content-type': 'application/json' },
    bodyExcerpt: '{}',
    missing: [],
  });

  it('names the failing interactions with stable ids and carries the mismatch as evidence', () => {
    const checks = verificationChecks({
      stage: 'dev',
      baseURL: 'http://127.0.0.1:4010/dev',
      verdicts,
      exchanges: [exchange('POST', '/orders', 299)],
      states: [],
      operationOf,
    });
    const failedIds = checks.filter((c) => c.status === 'failed').map((c) => c.id);
    expect(failedIds).toEqual([
      'dev:contract.verify:GET /owners/42 adoption-partner: a request for an owner profile',
      'dev:contract.verify:POST /orders adoption-partner: an adoption order for an available pet',
      'dev:contract.verify:GET /pets/rex-0001 pet-portal: a request for one pet',
    ]);
    const order = checks.find((c) => c.operation === 'POST /orders')!;
    expect(order.evidence[0]).toMatchObject({ request: 'POST http://127.0.0.1:4010/dev/orders', status: 299, requestHeaders: { 'x-api-key': '[REDACTED]' } });
    expect(order.actual).toContain('status: expected 201 but was 299');
  });

  it('fails an interaction whose provider state has no handler, even when the response matched', () => {
    const states = [{ state: 'a pet exists', action: 'setup' as const, outcome: 'missing' as const }];
    const checks = verificationChecks({ stage: 'prod', baseURL: 'http://x/prod', verdicts, exchanges: [], states, operationOf });
    const photos = checks.find((c) => c.id.endsWith("a request for a pet's photos"))!;
    expect(photos.status).toBe('failed');
    expect(photos.actual).toMatch(/no provider-state handler for "a pet exists"/);
    expect(checks.find((c) => c.id.endsWith('a request for the dog catalogue'))!.status).toBe('passed');
  });

  it('skips (does not fail) an interaction the stage has no credential for', () => {
    const withMissing = { ...exchange('GET', '/owners/42', 401), missing: ['lambda' as const] };
    const checks = verificationChecks({ stage: 'dev', baseURL: 'http://x/dev', verdicts, exchanges: [withMissing], states: [], operationOf });
    expect(checks.find((c) => c.operation === 'GET /owners/42')).toMatchObject({ status: 'skipped', actual: expect.stringMatching(/no lambda credential/) });
  });
});
