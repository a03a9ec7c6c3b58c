import { describe, expect, it } from 'vitest';
import { GAUNTLET, faultName, type GauntletCase } from './faults.ts';
import { runCase } from './run-case.ts';

/**
 * The defect gauntlet (issue 8): for every fault of the local gateway, alone and in combinations, the gate
 * against the local gateway exits 1, fails every check kind meant to catch it, and fails no unrelated kind.
 * (The clean run that fails nothing is test/demo/demo.test.ts.) Cases that neither drain token buckets nor
 * measure latency are pacing-bound and run two at a time.
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
    const table = [
      'auth-bypass',
      'key-any-stage',
      'jwt-no-exp',
      'jwt-no-aud',
      'jwt-alg-none',
      'no-throttle',
      'burst',
      'rate',
      'quota-off',
      'route-swap',
      'open-unknown',
      'stage-swap',
      'latency',
      'leak-headers',
      'status-drift',
      'cors-any',
      'throttle-skip',
      'window-limit',
    ];
    expect([...covered].sort()).toEqual([...table].sort());
  });

  describe.concurrent('auth, route and stage faults', () => {
    it.each(GAUNTLET.filter((c) => !c.exclusive).map((c) => [name(c), c] as const))('%s', async (_name, c) => expectCaught(c), 240_000);
  });

  describe.sequential('throttle and latency faults (alone on the gateway)', () => {
    it.each(GAUNTLET.filter((c) => c.exclusive).map((c) => [name(c), c] as const))('%s', async (_name, c) => expectCaught(c), 240_000);
  });
});
