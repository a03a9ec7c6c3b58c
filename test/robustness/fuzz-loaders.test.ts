import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseConfig } from '../../src/config/load.ts';
import { GateproofError } from '../../src/domain/errors.ts';
import { plan } from '../../src/plan/plan.ts';
import { loadSpec } from '../../src/openapi/load.ts';
import { ROOT, runCli } from '../helpers/cli.ts';
import { rng } from '../helpers/random.ts';

const exampleSpec = readFileSync(join(ROOT, 'examples/openapi.yaml'), 'utf8');
const junk = ['{', '}', '[', ']', ':', '- ', '\t', '"', "'", '&a', '*a', '!!binary', '$ref: "#/nope"', '\u0000', '\n  ', '%', '{{', 'null', '1e999', '#'];

/** Text-level mutations of a real spec: deletions, insertions, truncation, duplicated blocks. */
function mutateText(text: string, random: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(random() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * out.length);
    const choice = random();
    if (choice < 0.3) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(random() * 40));
    else if (choice < 0.6) out = out.slice(0, at) + junk[Math.floor(random() * junk.length)] + out.slice(at);
    else if (choice < 0.75) out = out.slice(0, at);
    else out = out.slice(0, at) + out.slice(Math.floor(random() * out.length));
  }
  return out;
}

const weird = (random: () => number): unknown => [null, 0, -1, 'x', true, [], {}, [1, 'a'], { $ref: '#/x' }, 'GET', '\u0000'][Math.floor(random() * 11)];

/** Structure-level mutations: replace values at random paths with values of the wrong type. */
function mutateStructure(value: unknown, random: () => number, depth = 0): unknown {
  if (random() < 0.08 && depth > 0) return weird(random);
  if (Array.isArray(value)) return value.map((v) => mutateStructure(v, random, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [random() < 0.02 ? `${k}~` : k, mutateStructure(v, random, depth + 1)]));
  }
  return value;
}

async function outcome(run: () => Promise<unknown> | unknown): Promise<'ok' | 'gateproof-error'> {
  try {
    await run();
    return 'ok';
  } catch (e) {
    if (e instanceof GateproofError && e.exitCode === 2) return 'gateproof-error';
    throw new Error(`not a gateproof usage error: ${(e as Error)?.stack ?? String(e)}`);
  }
}

const baseConfig = {
  spec: 'openapi.yaml',
  seed: 3,
  stages: {
    dev: {
      baseURL: 'http://127.0.0.1:1/dev',
      credentials: { apiKeys: { default: 'k-dev-123' } },
      throttle: { rate: 10, burst: 5 },
      quota: { key: 'default', limit: 3 },
    },
    prod: { baseURL: 'http://127.0.0.1:1/prod', protected: true },
  },
  exposure: { 'GET /pets': ['dev'] },
  slo: { global: { p95: 100 } },
};

describe('fuzzing the spec and config loaders', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gp-fuzz-'));

  it('300 text-mutated specs: each loads (and plans) or fails with a usage error (exit 2), never a crash', async () => {
    const config = parseConfig(baseConfig, join(dir, 'c.json'), { environment: {} });
    const counts = { ok: 0, 'gateproof-error': 0 };
    for (let i = 0; i < 300; i++) {
      const file = join(dir, `text-${i}.yaml`);
      writeFileSync(file, mutateText(exampleSpec, rng(i)));
      counts[await outcome(async () => plan(await loadSpec(file), config))]++;
    }
    expect(counts['gateproof-error']).toBeGreaterThan(30);
  });

  it('300 structure-mutated specs (wrong types everywhere) load, plan or fail with exit 2', async () => {
    const config = parseConfig(baseConfig, join(dir, 'c.json'), { environment: {} });
    const { parse } = await import('yaml');
    const doc = parse(exampleSpec) as unknown;
    for (let i = 0; i < 300; i++) {
      const file = join(dir, `struct-${i}.yaml`);
      writeFileSync(file, stringify(mutateStructure(doc, rng(10_000 + i))));
      await outcome(async () => plan(await loadSpec(file), config));
    }
  });

  it('500 structure-mutated configs are accepted or rejected with exit 2, never a crash', async () => {
    let rejected = 0;
    for (let i = 0; i < 500; i++) {
      const raw = mutateStructure(baseConfig, rng(20_000 + i));
      if ((await outcome(() => parseConfig(raw, join(dir, 'c.json'), { environment: {} }))) === 'gateproof-error') rejected++;
    }
    expect(rejected).toBeGreaterThan(100);
  });

  it('through the CLI: malformed specs and configs exit 2 without a stack trace, quickly', async () => {
    const cases: string[][] = [];
    for (let i = 0; i < 4; i++) {
      const spec = join(dir, `cli-${i}.yaml`);
      writeFileSync(spec, mutateText(exampleSpec, rng(777 + i)).slice(0, 900 + i * 50) + '\n  : ][');
      cases.push(['plan', '--config', join(ROOT, 'examples/gateproof.config.ts'), '--spec', spec]);
    }
    const badConfig = join(dir, 'bad.config.json');
    writeFileSync(badConfig, JSON.stringify(mutateStructure({ ...baseConfig, stages: { dev: { baseURL: 5 } } }, rng(1))));
    cases.push(['plan', '--config', badConfig]);
    const garbage = join(dir, 'garbage.config.json');
    writeFileSync(garbage, '{"spec": "x.yaml", "stages": {"dev": ');
    cases.push(['plan', '--config', garbage]);
    for (const args of cases) {
      const { code, stderr } = await runCli(args, { timeoutMs: 30_000 });
      expect(code, stderr).toBe(2);
      expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    }
  });
});
