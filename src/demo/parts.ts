import type { GateContext } from '../engine/gate-context.ts';
import { runSmoke } from '../engine/smoke-run.ts';
import { runContractsDemo } from './contracts-part.ts';
import { runLoadDemo } from './load-part.ts';

/** What each part of the demo gets: the context pointed at the local gateway, the run folder, the flags. */
export interface DemoPartContext {
  context: GateContext;
  /** Stage -> its URL on the local gateway. */
  baseURLs: Record<string, string>;
  envFiles: string[];
  runDir: string;
  only: string[];
  skipLoad: boolean;
  io: { out(line: string): void; err(line: string): void };
  signal: AbortSignal;
}

export interface DemoPart {
  name: string;
  /** Runs the part; it writes its RunPart into ctx.runDir (parts/<name>.json). */
  run(ctx: DemoPartContext): Promise<void>;
}

/**
 * Extension point: the parts `gateproof demo` runs, in order, against the local gateway. Contracts and
 * load add their entries here (load should honour ctx.skipLoad; every part may honour ctx.only).
 */
export const demoParts: DemoPart[] = [
  {
    name: 'smoke',
    run: async (ctx) => {
      await runSmoke({
        context: ctx.context,
        settings: {
          configPath: ctx.context.config.configPath,
          envFiles: ctx.envFiles,
          stages: [],
          only: ctx.only,
          runDir: ctx.runDir,
          baseURLs: ctx.baseURLs,
          // The local gateway is nobody's production: its throttle checks may run.
          allowProtected: true,
        },
        onLine: ctx.io.err,
        signal: ctx.signal,
      });
    },
  },
  { name: 'contracts', run: (ctx) => runContractsDemo(ctx) },
  { name: 'load', run: (ctx) => runLoadDemo(ctx) },
];
