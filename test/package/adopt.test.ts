import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GateReport } from '../../src/domain/result.ts';
import { ROOT } from '../helpers/cli.ts';
import { devFiles } from './dev-files.ts';

/**
 * A team adopts gateproof, as the README's "Using it on your API" says: the tarball `npm pack` builds is
 * installed into a fresh project (npm's default CommonJS package.json), and every step runs there with the
 * team's own spec (not the examples'): init -> plan -> emulate (the local gateway, in the background, on a
 * free port) -> smoke passes with no check of gateproof's examples -> the team's checks in checks/, one
 * passing and one failing (exit 1, named in gate.json and junit.xml) -> setup + load --scenario slo with the
 * cached k6 -> contracts verify --regenerate with the consumer test init scaffolded. The same again in a
 * "type": "module" project, which shares the installed node_modules (one install; the module type is the
 * project's package.json, not its dependencies).
 */
const SPEC = join(ROOT, 'test', 'fixtures', 'specs', 'library.yaml');
const STEP_TIMEOUT_MS = 180_000;
const PETSTORE = /\/pets|\/orders|\/owners|health probe|partner lists dogs/;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment of a team's shell: none of this test run's, nothing that names a k6 (the cache must provide it). */
const teamEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VITEST|GATEPROOF_|K6_BINARY$|NODE_ENV$|TINYPOOL)/.test(k)));
  return { ...env, FORCE_COLOR: '0', K6_NO_USAGE_REPORT: 'true', PACT_DO_NOT_TRACK: 'true', ...extra };
};

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = teamEnv()): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), STEP_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

/** `npx gateproof ...` in the team's project, never installing anything on the fly. */
const gateproof = (cwd: string, args: string[], env?: NodeJS.ProcessEnv): Promise<Run> => run('npx', ['--no', 'gateproof', ...args], cwd, env);

const latestReport = (cwd: string): GateReport => JSON.parse(readFileSync(join(cwd, 'reports', 'latest', 'gate.json'), 'utf8')) as GateReport;
const show = (r: Run): string => `exit ${r.code}\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`;

/** `gateproof emulate --port 0` in the background; resolves with its address once it listens. */
function emulate(cwd: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, [join(cwd, 'node_modules', '.bin', 'gateproof'), 'emulate', '--port', '0'], {
    cwd,
    env: teamEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`gateproof emulate did not start:\n${output}`)), 60_000);
    const onData = (d: Buffer): void => {
      output += d.toString();
      const url = /local gateway for .* at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url, stop });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`gateproof emulate exited (${code}):\n${output}`)));
  });
}

const TEAM_CHECKS = `import { expect, test } from 'gateproof/suites';

test('a member borrows a book with the stage key', { tag: '@route.mapped' }, async ({ api, credentials }) => {
  expect(await credentials.apiKey()).toBeTruthy();
  const { response } = await api.call('POST /loans');
  expect(response.status).toBe(201);
});

test('the catalogue answers in under a day with status 299', { tag: '@route.mapped' }, async ({ api }) => {
  const { response } = await api.call('GET /books');
  expect(response.status).toBe(299);
});
`;

let root: string;
let tarball: string;
/** What `npm pack` listed (the same list `npm pack --dry-run` prints), paths inside the package. */
let packedFiles: string[];
let installed: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'gateproof-adopt-'));
  // prepack builds dist/ first, as `npm publish` does
  const packed = await run('npm', ['pack', '--json', '--pack-destination', root, '--loglevel=error'], ROOT, { ...process.env });
  expect(packed.code, show(packed)).toBe(0);
  const [result] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  tarball = join(root, result!.filename);
  packedFiles = result!.files.map((f) => f.path);
  installed = join(root, 'team-cjs');
  mkdirSync(installed);
  const init = await run('npm', ['init', '-y'], installed);
  expect(init.code, show(init)).toBe(0);
  const install = await run('npm', ['install', '--save-dev', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], installed);
  expect(install.code, show(install)).toBe(0);
}, 300_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('a team adopts the packed gateproof', () => {
  it("the tarball holds the compiled package and nothing of gateproof's own development", async () => {
    const listing = await run('tar', ['-tzf', tarball], root);
    const files = listing.stdout
      .split('\n')
      .filter(Boolean)
      .map((f) => f.replace(/^package\//, ''));
    expect(files.sort()).toEqual([...packedFiles].sort());
    expect(devFiles(files)).toEqual([]);
    expect(files.filter((f) => f.startsWith('bin/'))).toEqual(['bin/gateproof.js']);
    for (const file of [
      'bin/gateproof.js',
      'dist/src/index.js',
      'dist/src/index.d.ts',
      'dist/suites/fixtures.js',
      'dist/suites/fixtures.d.ts',
      'dist/suites/playwright.config.js',
      'dist/suites/gate.spec.js',
      'dist/suites/reporter.js',
      'dist/src/emulator/index.js',
      'dist/examples/gateproof.config.js',
      'dist/examples/openapi.yaml',
      'scenarios/slo.ts',
      'scenarios/lib/runtime.ts',
      'ci/github/post-deploy-smoke.yml',
      'gateproof.schema.json',
      'README.md',
    ]) {
      expect(files, file).toContain(file);
    }
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.startsWith('scenarios/'))).toEqual([]);
  });

  it.concurrent.each([
    ['CommonJS (npm init -y)', 'team-cjs', undefined],
    ['ESM ("type": "module")', 'team-esm', 'module'],
  ] as const)(
    "%s: init, plan, emulate, smoke, the team's checks, load slo, contracts verify",
    async (_name, folder, type) => {
      const dir = join(root, folder);
      if (type) {
        mkdirSync(dir);
        writeFileSync(
          join(dir, 'package.json'),
          JSON.stringify({ name: folder, version: '1.0.0', private: true, type, devDependencies: { gateproof: `file:${tarball}` } }, null, 2),
        );
        symlinkSync(join(installed, 'node_modules'), join(dir, 'node_modules'), 'dir');
      }
      copyFileSync(SPEC, join(dir, 'openapi.yaml'));

      // init: config, .env.example, an example check and consumer test for this spec, CI files, .gitignore
      const init = await gateproof(dir, ['init', '--spec', 'openapi.yaml', '--ci', 'github', '--contracts']);
      expect(init.code, show(init)).toBe(0);
      for (const file of [
        'gateproof.config.ts',
        '.env.example',
        'checks/example.spec.ts',
        'contracts/vitest.config.ts',
        'contracts/consumers/example-client/example-client.pact.ts',
      ])
        expect(existsSync(join(dir, file)), file).toBe(true);
      for (const workflow of readdirSync(join(dir, '.github', 'workflows'))) {
        expect(
          readFileSync(join(dir, '.github', 'workflows', workflow), 'utf8')
            .split('\n')
            .slice(0, 5)
            .join('\n'),
          workflow,
        ).toContain(`.github/workflows/${workflow}`);
      }
      const gitignore = readFileSync(join(dir, '.gitignore'), 'utf8');
      expect(gitignore.split('\n')).toEqual(expect.arrayContaining(['.env', 'reports/']));
      const again = await gateproof(dir, ['init', '--spec', 'openapi.yaml', '--force']);
      expect(again.code, show(again)).toBe(0);
      expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe(gitignore);
      expect(readFileSync(join(dir, 'gateproof.config.ts'), 'utf8')).toContain("from 'gateproof'");
      copyFileSync(join(dir, '.env.example'), join(dir, '.env'));

      const plan = await gateproof(dir, ['plan']);
      expect(plan.code, show(plan)).toBe(0);
      expect(plan.stdout).toMatch(/\d+ checks over 2 stage\(s\), 4 operations/);
      expect(plan.stdout).not.toMatch(PETSTORE);

      const gateway = await emulate(dir);
      try {
        const env = teamEnv({ DEV_BASE_URL: `${gateway.url}/dev`, PROD_BASE_URL: `${gateway.url}/prod` });

        // the gate passes, with the team's example check and nothing of gateproof's examples
        const smoke = await gateproof(dir, ['smoke'], env);
        expect(smoke.code, show(smoke)).toBe(0);
        const passed = latestReport(dir);
        expect(passed.verdict).toBe('pass');
        expect(passed.summary.failed).toBe(0);
        expect(passed.checks.filter((c) => PETSTORE.test(c.operation) || PETSTORE.test(c.title ?? ''))).toEqual([]);
        const example = passed.checks.filter((c) => c.operation.startsWith('custom: '));
        expect(example.map((c) => `${c.stage} ${c.status} ${c.operation}`).sort()).toEqual([
          'dev passed custom: GET /books answers with a documented success status',
          'prod passed custom: GET /books answers with a documented success status',
        ]);

        // the team's own checks: one passes, one fails the gate and is named in gate.json and junit.xml
        writeFileSync(join(dir, 'checks', 'team.spec.ts'), TEAM_CHECKS);
        const failing = await gateproof(dir, ['smoke', '--stage', 'dev', '--only', 'route.mapped'], env);
        expect(failing.code, show(failing)).toBe(1);
        const failed = latestReport(dir);
        const custom = Object.fromEntries(
          failed.checks.filter((c) => c.operation.startsWith('custom: ')).map((c) => [c.operation.slice('custom: '.length), c.status]),
        );
        expect(custom).toEqual({
          'a member borrows a book with the stage key': 'passed',
          'the catalogue answers in under a day with status 299': 'failed',
          'GET /books answers with a documented success status': 'passed',
        });
        expect(failed.checks.filter((c) => c.status === 'failed').map((c) => c.operation)).toEqual([
          'custom: the catalogue answers in under a day with status 299',
        ]);
        const junit = readFileSync(join(dir, 'reports', 'latest', 'junit.xml'), 'utf8');
        expect(junit).toMatch(/<testcase name="[^"]*the catalogue answers in under a day with status 299"[^>]*>\s*<failure /);
        expect(failing.stdout).toContain('the catalogue answers in under a day with status 299');
        rmSync(join(dir, 'checks', 'team.spec.ts'));
        if (!type) {
          // a check file that cannot load stops the gate with exit 2 naming it, never a silent gap
          writeFileSync(
            join(dir, 'checks', 'broken.spec.ts'),
            "import { test } from 'gateproof/suites';\nimport { helper } from './no-such-helper';\ntest('x', () => helper());\n",
          );
          const broken = await gateproof(dir, ['smoke', '--stage', 'dev', '--only', 'route.mapped'], env);
          expect(broken.code, show(broken)).toBe(2);
          expect(broken.stdout).toMatch(/CHECK_LOAD_FAILED: the check file checks\/broken\.spec\.ts could not be used: .*no-such-helper/);
          rmSync(join(dir, 'checks', 'broken.spec.ts'));
        }

        // k6 from the user-level cache `gateproof setup` fills
        const setup = await gateproof(dir, ['setup'], env);
        expect(setup.code, show(setup)).toBe(0);
        expect(setup.stdout.trim()).toMatch(/\/k6$/);
        const load = await gateproof(dir, ['load', '--scenario', 'slo', '--stage', 'dev', '--duration', '5s'], env);
        expect(load.code, show(load)).toBe(0);
        const slo = latestReport(dir);
        expect(slo.checks.filter((c) => c.kind === 'load.threshold' && c.status === 'passed').length).toBeGreaterThan(0);
        expect(slo.checks.every((c) => c.status === 'passed')).toBe(true);
        if (!type) {
          // no silent green: no declared limit, nothing to throttle-test, exit 2 with the fix; --allow-empty accepts it
          const empty = await gateproof(dir, ['load', '--scenario', 'throttle', '--stage', 'dev'], env);
          expect(empty.code, show(empty)).toBe(2);
          expect(empty.stdout).toMatch(/NOTHING_CHECKED[\s\S]*declare stages\.dev\.throttle[\s\S]*--allow-empty/);
          expect(latestReport(dir).verdict).toBe('error');
          const allowed = await gateproof(dir, ['load', '--scenario', 'throttle', '--stage', 'dev', '--allow-empty'], env);
          expect(allowed.code, show(allowed)).toBe(0);
        }

        // the consumer test init scaffolded -> a pact naming the spec's provider -> verified through the gateway
        const contracts = await gateproof(dir, ['contracts', 'verify', '--regenerate', '--stage', 'dev'], env);
        expect(contracts.code, show(contracts)).toBe(0);
        expect(readdirSync(join(dir, 'contracts', 'pacts'))).toEqual(['example-client-library-lending-api.json']);
        const verified = latestReport(dir);
        expect(verified.checks.map((c) => `${c.kind} ${c.status}`)).toEqual(['contract.verify passed']);
      } finally {
        await gateway.stop();
      }
    },
    600_000,
  );
});
