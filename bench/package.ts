import { spawnSync } from 'node:child_process';
import { PACKAGE } from '../src/domain/package.ts';
import type { Bench, Figure } from './types.ts';

interface PackResult {
  size: number;
  unpackedSize: number;
  entryCount: number;
}

/**
 * What a team downloads: `npm pack --dry-run` (which builds dist/ first, as publishing does) and the tarball's
 * size and file count, with the build's time.
 */
const bench: Bench = {
  name: 'package',
  async run(): Promise<Figure[]> {
    const started = performance.now();
    const packed = spawnSync('npm', ['pack', '--dry-run', '--json', '--loglevel=error'], { cwd: PACKAGE.root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const seconds = (performance.now() - started) / 1000;
    if (packed.status !== 0) throw new Error(`npm pack --dry-run failed (exit ${packed.status}): ${packed.stderr.slice(-2000)}`);
    const [result] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as PackResult[];
    if (!result) throw new Error('npm pack --dry-run printed no result');
    return [
      { name: 'tarball size', value: Math.round(result.size / 1000), unit: 'kB' },
      { name: 'tarball files', value: result.entryCount, unit: 'files' },
      { name: 'unpacked size', value: Math.round(result.unpackedSize / 1000), unit: 'kB' },
      { name: 'build (prepack) + pack', value: Number(seconds.toFixed(1)), unit: 's' },
    ];
  },
};

export default bench;
