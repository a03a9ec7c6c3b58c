import type { DemoPartContext } from '../cli/commands/demo.ts';
import { ensureK6 } from './ensure-k6.ts';
import { runLoadPart } from './run-load.ts';

/** The demo's load run: at most this long per scenario (two scenarios, well under a minute in all). */
export const DEMO_SCENARIO_SECONDS = 10;

/**
 * `gateproof demo`'s load part: a short throttle and slo run on the first unprotected stage of the local
 * gateway. Skipped with --skip-load, and when --only names no load family/kind.
 */
export async function runLoadDemo(ctx: DemoPartContext): Promise<void> {
  if (ctx.skipLoad) return;
  const only = ctx.only.flatMap((o) => o.split(',')).map((o) => o.trim()).filter(Boolean);
  if (only.length > 0 && !only.includes('load') && !only.includes('load.threshold')) return;
  const { config, model, profile } = ctx.context;
  const stage = Object.keys(config.stages).find((s) => !config.stages[s]!.protected);
  if (!stage) {
    ctx.io.err('load: every stage is protected; the demo runs no load');
    return;
  }
  const k6 = await ensureK6({ log: ctx.io.err });
  for (const scenario of ['throttle', 'slo'] as const) {
    if (ctx.signal.aborted) return;
    await runLoadPart({ config, model, profile, stage, scenario, durationS: DEMO_SCENARIO_SECONDS, dir: ctx.runDir, k6: k6.path, log: ctx.io.err });
  }
}
