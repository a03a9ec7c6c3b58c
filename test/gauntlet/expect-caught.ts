import { describe, expect, it } from 'vitest';
import type { GauntletCase } from './faults.ts';
import { runCase } from './run-case.ts';

/**
 * The defect gauntlet (issue 8): for every fault of the local gateway, alone and in combinations, the gate
 * against the local gateway exits 1, fails every check kind meant to catch it, and fails no unrelated kind; for
 * the REST API example and, in HTTP-API mode, the HTTP API example. (The clean runs that fail nothing are
 * test/demo/demo.test.ts and test/demo/http-api.test.ts.) The cases are split over four files (REST and HTTP,
 * gate and throttle faults) so test workers share them evenly.
 */
async function expectCaught(c: GauntletCase): Promise<void> {
  const outcome = await runCase(c);
  const detail = `failed: ${outcome.failedIds.join(', ') || 'nothing'}${outcome.output}`;
  expect(outcome.exitCode, detail).toBe(1);
  expect(outcome.caughtBy.sort(), detail).toEqual([...c.catches].sort());
  expect(outcome.unrelated, detail).toEqual([]);
}

const name = (c: GauntletCase): string => c.faults.join(' + ');

/** Cases that neither drain limiters nor measure latency are pacing-bound and run two at a time. */
export function gateFaultCases(cases: readonly GauntletCase[]): void {
  describe.concurrent('auth, route and stage faults', () => {
    it.each(cases.filter((c) => !c.exclusive).map((c) => [name(c), c] as const))('%s', async (_name, c) => expectCaught(c), 240_000);
  });
}

/** Throttle and latency faults run alone on the gateway. */
export function exclusiveFaultCases(cases: readonly GauntletCase[]): void {
  describe.sequential('throttle and latency faults (alone on the gateway)', () => {
    it.each(cases.filter((c) => c.exclusive).map((c) => [name(c), c] as const))('%s', async (_name, c) => expectCaught(c), 240_000);
  });
}
