import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PacingSummary } from '../src/http/pacing-summary.ts';
import type { GateReport } from '../src/domain/result.ts';
import type { Bench, Figure } from './types.ts';

const BIN = fileURLToPath(new URL('../bin/gateproof.js', import.meta.url));
const ARGS = ['demo', '--skip-load', '--only', 'auth,route,stage'];

/**
 * The default smoke gate on examples/ (both stages, auth/route/stage, no load) through the real CLI: the
 * wall time of the whole command against its pacing floor (requests sent / allowed rate, slowest stage).
 * Targets: under 30 s, and within 1.5 × floor + 3 s.
 */
async function measure(): Promise<{ wallMs: number; code: number; pacing: PacingSummary; report: GateReport }> {
  const cwd = mkdtempSync(join(tmpdir(), 'gateproof-bench-gate-'));
  try {
    const start = Date.now();
    const code = await new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...ARGS], { cwd, stdio: 'ignore', env: { ...process.env, FORCE_COLOR: '0' } });
      child.on('error', reject);
      child.on('close', (c) => resolve(c ?? -1));
    });
    const wallMs = Date.now() - start;
    const dir = realpathSync(join(cwd, 'reports', 'latest'));
    return {
      wallMs,
      code,
      pacing: JSON.parse(readFileSync(join(dir, 'pacing.json'), 'utf8')) as PacingSummary,
      report: JSON.parse(readFileSync(join(dir, 'gate.json'), 'utf8')) as GateReport,
    };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

const seconds = (ms: number): number => Math.round(ms / 100) / 10;

const bench: Bench = {
  name: 'gate',
  async run(): Promise<Figure[]> {
    const { wallMs, code, pacing, report } = await measure();
    const bound = 1.5 * pacing.floorMs + 3000;
    const perStage = Object.entries(pacing.stages)
      .map(([s, p]) => `${s}: ${p.requests} req at ${p.rate}/s`)
      .join(', ');
    return [
      {
        name: `gateproof ${ARGS.join(' ')}`,
        value: seconds(wallMs),
        unit: 's',
        target: '< 30 s',
        pass: wallMs < 30_000 && code === 0,
        note: `exit ${code}, ${report.summary.passed} passed, ${report.summary.failed} failed, ${report.summary.skipped} skipped`,
      },
      { name: 'pacing floor (requests / allowed rate)', value: seconds(pacing.floorMs), unit: 's', note: perStage },
      { name: 'wall time vs 1.5 × floor + 3 s', value: seconds(wallMs), unit: 's', target: `<= ${seconds(bound)} s`, pass: wallMs <= bound },
      { name: 'paced requests answered 429', value: pacing.throttled, unit: 'req', target: '0', pass: pacing.throttled === 0 },
    ];
  },
};

export default bench;
