import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GatewayModel } from '../../../src/openapi/model.ts';
import { waitForPort } from '../../helpers/ports.ts';
import { nginxFiles, type NginxInput } from './nginx-conf.ts';

/** Debian's NGINX and its njs module (packages nginx, libnginx-mod-http-js; scripts/setup.sh installs them). */
const NGINX = '/usr/sbin/nginx';
const NJS = '/usr/lib/nginx/modules/ngx_http_js_module.so';
/** The njs scripts the configuration imports, copied next to it. */
const SCRIPTS = ['validate.js', 'jwt.js'].map((name) => ({ name, path: new URL(`./${name}`, import.meta.url).pathname }));
const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

export interface NginxProcess {
  close(): Promise<void>;
}

/**
 * Writes the configuration and its njs modules into `input.dir`, has NGINX test it (`-t`), then runs it in
 * the foreground until close(). Throws, with NGINX's own words, when it is missing, rejects the configuration
 * or does not listen in time.
 */
export async function startNginx(model: GatewayModel, input: NginxInput): Promise<NginxProcess> {
  for (const [file, pkg] of [
    [NGINX, 'nginx'],
    [NJS, 'libnginx-mod-http-js'],
  ] as const)
    if (!existsSync(file)) throw new Error(`${file} is missing: run scripts/setup.sh, or apt-get install ${pkg}`);
  const { dir } = input;
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, sub), { recursive: true });
  for (const [name, content] of Object.entries(nginxFiles(model, input))) writeFileSync(join(dir, name), content);
  for (const script of SCRIPTS) copyFileSync(script.path, join(dir, script.name));
  const args = ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')];
  const test = spawnSync(NGINX, ['-t', '-q', ...args], { encoding: 'utf8', timeout: START_TIMEOUT_MS });
  if (test.status !== 0) throw new Error(`NGINX rejected ${join(dir, 'nginx.conf')}: ${test.stderr || test.stdout || test.error?.message}`);

  const child = spawn(NGINX, args, { stdio: ['ignore', 'ignore', 'pipe'] });
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
      waitForPort(input.port, START_TIMEOUT_MS, 'NGINX'),
      exited.then(() => Promise.reject(new Error(`NGINX exited at start (${child.exitCode ?? child.signalCode})`))),
    ]);
  } catch (error) {
    await close();
    throw new Error(`${(error as Error).message}: ${stderr.trim()}`, { cause: error });
  }
  return { close };
}
