import type { DemoPartContext } from './parts.ts';
import { isGateproofError } from '../domain/errors.ts';
import { parseOnly } from '../plan/select.ts';
import { writePart } from '../report/run-dir.ts';
import { ensureK6 } from '../load/ensure-k6.ts';
import { runLoadPart } from '../load/run-load.ts';

/** The demo's load run: each scenario is sized to this (two scenarios plus k6 start-up: well under a minute). */
export const DEMO_SCENARIO_SECONDS = 10;
const SCENARIOS = ['throttle', 'slo'] as const;

/**
 * `gateproof demo`'s load part: a short throttle and slo run on the first unprotected stage of the local
 * gateway. Skipped with --skip-load, and when --only names neither the load family nor load.threshold. A
 * load run that cannot happen (no k6) is recorded as an error of the run, not thrown, so the other parts'
 * results still make the report (the verdict is then "error", exit 3, saying how to install k6).
 */
export async function runLoadDemo(ctx: DemoPartContext): Promise<void> {
  if (ctx.skipLoad || !parseOnly(ctx.only)('load.threshold')) return;
  const { config, model, profile } = ctx.context;
  const stage = Object.keys(config.stages).find((s) => !config.stages[s]!.protected) ?? Object.keys(config.stages)[0]!;
  try {
    const k6 = await ensureK6({ log: ctx.io.err });
    for (const scenario of SCENARIOS) {
      if (ctx.signal.aborted) return;
      // The local gateway is nobody's production: a protected stage may be loaded here.
      await runLoadPart({
        config,
        model,
        profile,
        stage,
        scenario,
        durationS: DEMO_SCENARIO_SECONDS,
        dir: ctx.runDir,
        k6: k6.path,
        allowProtected: true,
        log: ctx.io.err,
      });
    }
  } catch (e) {
    if (!isGateproofError(e)) throw e;
    const hint = e.code === 'TOOL_MISSING' ? `${e.hint ?? ''}; or run the demo with --skip-load` : e.hint;
    ctx.io.err(`load: ${e.message}${hint ? `\n  fix: ${hint}` : ''}`);
    writePart(ctx.runDir, {
      part: 'load',
      startedAt: new Date().toISOString(),
      durationMs: 0,
      target: ctx.baseURLs[stage] ?? '',
      stages: [stage],
      checks: [],
      errors: [`${e.code}: ${e.message}${hint ? ` (fix: ${hint})` : ''}`],
    });
  }
}
