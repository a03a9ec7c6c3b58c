import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GatewayModel } from '../../../src/openapi/model.ts';
import { waitForPort } from '../../helpers/ports.ts';
import { haproxyCfg, keyMap, type HaproxyOptions } from './haproxy-cfg.ts';

/** Debian's HAProxy (2.6: jwt_verify, stick tables). scripts/setup.sh installs it. */
const HAPROXY = '/usr/sbin/haproxy';
const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

export interface HaproxyProcess {
  close(): Promise<void>;
}

/**
 * Writes the configuration (and its key map) into `dir`, has HAProxy check it (`-c`), then runs it in the
 * foreground (`-db`) until close(). Throws, with HAProxy's own words, when it is missing, rejects the
 * configuration or does not listen on every stage's port in time.
 */
export async function startHaproxy(model: GatewayModel, options: Omit<HaproxyOptions, 'keyMapPath'>, dir: string): Promise<HaproxyProcess> {
  const { stages } = options;
  if (!existsSync(HAPROXY)) throw new Error(`HAProxy is not installed (${HAPROXY}): run scripts/setup.sh, or apt-get install haproxy`);
  const keyMapPath = join(dir, 'keys.map');
  const cfgPath = join(dir, 'haproxy.cfg');
  writeFileSync(keyMapPath, keyMap(stages));
  writeFileSync(cfgPath, haproxyCfg(model, { ...options, keyMapPath }));
  const check = spawnSync(HAPROXY, ['-c', '-q', '-f', cfgPath], { encoding: 'utf8', timeout: START_TIMEOUT_MS });
  if (check.status !== 0) throw new Error(`HAProxy rejected ${cfgPath}: ${check.stderr || check.stdout || check.error?.message}`);

  const child = spawn(HAPROXY, ['-db', '-f', cfgPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };
  try {
    await Promise.race([
      Promise.all(stages.map((s) => waitForPort(s.port, START_TIMEOUT_MS, `HAProxy frontend ${s.name}`))),
      exited.then(() => Promise.reject(new Error(`HAProxy exited at start (${child.exitCode ?? child.signalCode})`))),
    ]);
  } catch (error) {
    await close();
    throw new Error(`${(error as Error).message}: ${stderr.trim()}`, { cause: error });
  }
  return { close };
}
