import { describe, expect, it } from 'vitest';
import { FAULT_SYNTAX } from '../../src/emulator/index.ts';
import { GAUNTLET, HTTP_API_GAUNTLET, faultName, type GauntletCase } from './faults.ts';
import { runCase } from './run-case.ts';

/**
 * The defect gauntlet (issue 8): for every fault of the local gateway, alone and in combinations, the gate
 * against the local gateway exits 1, fails every check kind meant to catch it, and fails no unrelated kind; for
 * the REST API example and, in HTTP-API mode, the HTTP API example. (The clean runs that fail nothing are
 * test/demo/demo.test.ts and test/demo/http-api.test.ts.) Cases that neither drain token buckets nor measure
 * latency are pacing-bound and run two at a time.
 */
const name = (c: GauntletCase): string => c.faults.join(' + ');

async function expectCaught(c: GauntletCase): Promise<void> {
  const outcome = await runCase(c);
  const detail = `failed: ${outcome.failedIds.join(', ') || 'nothing'}${outcome.output}`;
  expect(outcome.exitCode, detail).toBe(1);
  expect(outcome.caughtBy.sort(), detail).toEqual([...c.catches].sort());
  expect(outcome.unrelated, detail).toEqual([]);
}

describe('defect gauntlet', () => {
  it('covers every fault of the contract table', () => {
    const covered = new Set(GAUNTLET.flatMap((c) => c.faults.map(faultName)));
    const table = FAULT_SYNTAX.map(faultName);
    expect([...covered].sort()).toEqual([...table].sort());
  });

  describe.concurrent('auth, route and stage faults', () => {
    it.each(GAUNTLET.filter((c) => !c.exclusive).map((c) => [name(c), c] as const))('%s', async (_name, c) => expectCaught(c), 240_000);
  });

  describe.sequential('throttle and latency faults (alone on the gateway)', () => {
    it.each(GAUNTLET.filter((c) => c.exclusive).map((c) => [name(c), c] as const))('%s', async (_name, c) => expectCaught(c), 240_000);
  });
});

describe('defect gauntlet, HTTP APIs (examples/http-api)', () => {
  it('covers every fault the HTTP-API mode takes (the REST-only ones are refused there), each alone', () => {
    const restOnly = ['key-any-stage', 'quota-off', 'validators-off', 'sigv4-any', 'implicit-methods', 'drop-path-param'];
    // HTTP APIs throttle with token buckets: the example declares no window for window-limit to change (refused).
    const noWindow = ['window-limit'];
    const applicable = FAULT_SYNTAX.map(faultName).filter((f) => !restOnly.includes(f) && !noWindow.includes(f));
    expect(HTTP_API_GAUNTLET.every((c) => c.faults.length === 1)).toBe(true);
    expect([...new Set(HTTP_API_GAUNTLET.flatMap((c) => c.faults.map(faultName)))].sort()).toEqual(applicable.sort());
  });

  describe.concurrent('auth, route and stage faults', () => {
    it.each(HTTP_API_GAUNTLET.filter((c) => !c.exclusive).map((c) => [name(c), c] as const))('%s', async (_name, c) => expectCaught(c), 240_000);
  });

  describe.sequential('throttle and latency faults (alone on the gateway)', () => {
    it.each(HTTP_API_GAUNTLET.filter((c) => c.exclusive).map((c) => [name(c), c] as const))('%s', async (_name, c) => expectCaught(c), 240_000);
  });
});
