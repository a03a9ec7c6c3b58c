import { fileURLToPath } from 'node:url';
import { withBaseURLs, type GateContext } from '../../checks/run/gate-context.ts';
import { runContractsDemo } from '../../contracts/demo-part.ts';
import { runSmoke } from '../../checks/run/smoke-run.ts';
import { runLoadDemo } from '../../load/demo-part.ts';
import { startLocalGateway, type LocalGateway } from '../../emulator/index.ts';
import { parseOnly } from '../../plan/select.ts';
import { resolveReportsDir } from '../../report/locate.ts';
import { newRunId, runDir } from '../../report/run-dir.ts';
import { parseCommandArgs } from '../args.ts';
import type { Command, CommandIO } from '../command.ts';
import { loadContext } from '../context.ts';
import { finishRun } from './smoke.ts';

const EXAMPLE_CONFIG = fileURLToPath(new URL('../../../examples/gateproof.config.ts', import.meta.url));
/** The local gateway accepts the placeholder credentials of .env.example. */
const DEMO_ENV_FILES = ['.env', '.env.example'];

/** What each part of the demo gets: the context pointed at the local gateway, the run folder, the flags. */
export interface DemoPartContext {
  context: GateContext;
  gateway: LocalGateway;
  /** Stage -> its URL on the local gateway. */
  baseURLs: Record<string, string>;
  envFiles: string[];
  runDir: string;
  only: string[];
  skipLoad: boolean;
  io: CommandIO;
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

/** `gateproof demo`: the whole gate against the bundled local gateway, on a free port. */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'start the local gateway with examples/, run smoke, contracts and a short load run, print the verdict',
  usage: 'gateproof demo [--fault F]... [--skip-load] [--only KIND,...]',
  flags: ['--fault', '--skip-load', '--only'],
  async run(argv, io) {
    const { values } = parseCommandArgs('demo', argv, {
      fault: { type: 'string', multiple: true },
      'skip-load': { type: 'boolean', default: false },
      only: { type: 'string', multiple: true },
    });
    parseOnly(values.only);
    const loaded = await loadContext({ config: values.config ?? EXAMPLE_CONFIG, spec: values.spec }, { envFiles: DEMO_ENV_FILES });
    const gateway = await startLocalGateway({ config: loaded.config, model: loaded.model, faults: values.fault ?? [], port: 0 });
    const interrupt = new AbortController();
    const onSignal = (): void => interrupt.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      io.err(`local gateway at ${gateway.url}${gateway.faults.length ? ` with faults: ${gateway.faults.map((f) => f.raw).join(', ')}` : ''}`);
      const baseURLs = Object.fromEntries(Object.keys(loaded.config.stages).map((s) => [s, gateway.stageURL(s)]));
      const ctx: DemoPartContext = {
        context: { ...loaded, config: withBaseURLs(loaded.config, baseURLs) },
        gateway,
        baseURLs,
        envFiles: DEMO_ENV_FILES,
        runDir: runDir(resolveReportsDir(loaded.config.reportsDir), newRunId()),
        only: values.only ?? [],
        skipLoad: values['skip-load'],
        io,
        signal: interrupt.signal,
      };
      for (const part of demoParts) {
        if (interrupt.signal.aborted) break;
        await part.run(ctx);
      }
      return finishRun(ctx.runDir, io);
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await gateway.close();
    }
  },
};
