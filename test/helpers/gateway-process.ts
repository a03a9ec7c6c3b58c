import { spawn } from 'node:child_process';
import { BIN } from './cli.ts';

export interface GatewayProcess {
  url: string;
  stageURL(stage: string): string;
  close(): Promise<void>;
}

/**
 * `gateproof emulate` in its own process on a free port, as a deployed gateway would be: the gate and the
 * gateway do not share an event loop (on a 2-core machine each gets a core).
 */
export function spawnGateway(configPath: string, faults: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<GatewayProcess> {
  const args = [BIN, 'emulate', '--config', configPath, '--port', '0', ...faults.flatMap((f) => ['--fault', f])];
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const fail = (e: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(e);
    };
    const timer = setTimeout(() => fail(new Error(`gateway did not start in 30 s: ${out}`)), 30_000);
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => fail(new Error(`gateway exited with ${code}: ${out}`)));
    const onData = (d: Buffer): void => {
      out += d.toString();
      const url = /at (http:\/\/\S+)/.exec(out)?.[1];
      if (!url) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stdout.resume();
      child.removeAllListeners('exit');
      resolve({
        url,
        stageURL: (stage) => `${url}/${stage}`,
        close: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout.on('data', onData);
  });
}
