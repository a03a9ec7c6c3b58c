import { startLocalGateway } from '../../emulator/index.ts';
import { GateproofError } from '../../domain/errors.ts';
import { parseCommandArgs } from '../args.ts';
import type { Command } from '../command.ts';
import { loadContext } from '../context.ts';

/** `gateproof emulate`: serves the local gateway (every stage of the config) until SIGINT / SIGTERM. */
export const emulateCommand: Command = {
  name: 'emulate',
  summary: 'serve the local gateway until stopped',
  usage: 'gateproof emulate [--port N] [--host H] [--fault F]...',
  async run(argv, io) {
    const { values } = parseCommandArgs('emulate', argv, {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      fault: { type: 'string', multiple: true },
    });
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new GateproofError('USAGE', `emulate: --port "${values.port}" is not a port number`, {
        hint: 'pass --port N with 0 <= N <= 65535 (0 = a free port)',
      });
    }
    // A local test server: the placeholder credentials of .env.example are what it should accept.
    const { config, model } = await loadContext(values, { envFiles: ['.env', '.env.example'] });
    const gateway = await startLocalGateway({ config, model, faults: values.fault ?? [], port, host: values.host });
    io.out(`gateproof local gateway for "${model.title}" at ${gateway.url}`);
    for (const stage of Object.keys(config.stages)) io.out(`  stage ${stage.padEnd(10)} ${gateway.stageURL(stage)}`);
    io.out(gateway.faults.length ? `  faults: ${gateway.faults.map((f) => f.raw).join(', ')}` : '  faults: none');
    io.out('press Ctrl+C to stop');
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await gateway.close();
    io.out('local gateway stopped');
    return 0;
  },
};
