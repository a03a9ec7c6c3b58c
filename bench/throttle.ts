import { builtinProfiles } from '../src/profiles/builtin.ts';
import { sleep } from '../src/throttle-probe/driver.ts';
import { runProbe } from '../src/throttle-probe/probe.ts';
import { budget, rateProbe, refillMs, type Limits } from '../src/throttle-probe/schedule.ts';
import { pingGateway } from '../test/helpers/ping-api.ts';
import type { Bench, Figure } from './types.ts';

export const BENCH_LIMITS: readonly Limits[] = [
  { rate: 20, burst: 10 },
  { rate: 100, burst: 50 },
  { rate: 500, burst: 200 },
];

const pct = (v: number, declared: number): string => `${v >= declared ? '+' : ''}${(((v - declared) / declared) * 100).toFixed(1)}%`;

/**
 * The throttle probe (throttle.rate's plan: a second at half the rate, a burst, a stream at twice the rate)
 * against the local gateway (`gateproof emulate`, its own process) for three declared limits: estimated rate and burst with their error, and the
 * requests spent (of the attempt kept; a disturbed timeline is measured again, see src/throttle-probe/probe.ts).
 * Target: within ±10% using at most burst + 3 × rate requests.
 */
export async function measure(limits: Limits): Promise<Figure[]> {
  const gateway = await pingGateway(limits);
  try {
    await sleep(refillMs(limits));
    const run = await runProbe(
      { method: 'GET', url: `${gateway.stageURL('bench')}/ping`, headers: {} },
      rateProbe(limits),
      builtinProfiles['aws-rest'],
      limits,
    );
    const { rate, burst } = run.estimate;
    const name = `throttle probe r=${limits.rate} b=${limits.burst}`;
    const figure = (what: string, value: number | undefined, declared: number, unit: string): Figure => ({
      name: `${name}: ${what}`,
      value: value === undefined ? NaN : Math.round(value * 10) / 10,
      unit,
      target: `${declared} ±10%`,
      pass: value !== undefined && Math.abs(value - declared) <= 0.1 * declared,
      note: value === undefined ? run.estimate.notes.join('; ') : `error ${pct(value, declared)}`,
    });
    return [
      figure('rate', rate, limits.rate, 'req/s'),
      figure('burst', burst, limits.burst, 'req'),
      {
        name: `${name}: requests`,
        value: run.events.length,
        unit: 'req',
        target: `<= ${budget(limits)}`,
        pass: run.events.length <= budget(limits),
        note: `${(run.durationMs / 1000).toFixed(2)} s${run.attempts > 1 ? `, best of ${run.attempts} attempts (${run.disturbed ?? 'earlier ones disturbed'})` : ''}`,
      },
    ];
  } finally {
    await gateway.close();
  }
}

const bench: Bench = {
  name: 'throttle',
  async run() {
    const figures: Figure[] = [];
    for (const limits of BENCH_LIMITS) figures.push(...(await measure(limits)));
    return figures;
  },
};
export default bench;
