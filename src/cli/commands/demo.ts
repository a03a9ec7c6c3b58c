import { demoParts, type DemoPartContext } from '../../demo/parts.ts';
import { codeModule } from '../../domain/package.ts';
import { startLocalGateway } from '../../emulator/index.ts';
import { withBaseURLs } from '../../engine/gate-context.ts';
import { parseOnly } from '../../plan/select.ts';
import { resolveReportsDir } from '../../report/locate.ts';
import { newRunId, runDir } from '../../report/run-dir.ts';
import { parseCommandArgs } from '../args.ts';
import type { Command } from '../command.ts';
import { loadContext } from '../context.ts';
import { finishRun } from './smoke.ts';

const EXAMPLE_CONFIG = codeModule('examples/gateproof.config');
/** The local gateway accepts the placeholder credentials of .env.example. */
const DEMO_ENV_FILES = ['.env', '.env.example'];

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
