import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GateproofError } from '../domain/errors.ts';

/**
 * The reports folder: GATEPROOF_REPORTS_DIR when set (pipelines, parallel runs), else the config's
 * `reportsDir` (default `reports`), relative to the working directory.
 */
export const resolveReportsDir = (configured?: string, cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): string =>
  resolve(cwd, env.GATEPROOF_REPORTS_DIR || configured || 'reports');

/**
 * The run folder to (re)build: `runId` when given, else what reports/latest points at (symlink, or the
 * latest.txt pointer on filesystems without symlinks), else the newest run folder that has parts.
 * Throws a usage error (exit 2) naming the folder when there is nothing to rebuild.
 */
export function findRunDir(reportsDir: string, runId?: string): string {
  if (runId !== undefined) {
    if (!/^[A-Za-z0-9._-]+$/.test(runId) || runId === '.' || runId === '..') {
      throw new GateproofError('USAGE', `invalid run id "${runId}"`, {
        hint: 'a run id is the name of a folder under the reports folder, e.g. 20261121T093000Z-4242',
      });
    }
    const dir = join(reportsDir, runId);
    if (!hasParts(dir)) {
      throw new GateproofError('USAGE', `run "${runId}" has no results to build a report from`, {
        where: dir,
        hint: `pick a run that exists (${listRuns(reportsDir).slice(-5).join(', ') || 'none yet'}) or omit --run to use reports/latest`,
      });
    }
    return dir;
  }
  const latest = join(reportsDir, 'latest');
  if (existsSync(latest) && hasParts(latest)) return realpathSync(latest);
  const pointer = `${latest}.txt`;
  if (existsSync(pointer)) {
    const dir = join(reportsDir, readFileSync(pointer, 'utf8').trim());
    if (hasParts(dir)) return dir;
  }
  const newest = listRuns(reportsDir).at(-1);
  if (newest) return join(reportsDir, newest);
  throw new GateproofError('USAGE', 'no run to build a report from: the reports folder holds no results yet', {
    where: reportsDir,
    hint: 'run `gateproof smoke`, `gateproof contracts verify`, `gateproof load` or `gateproof demo` first (or pass --config so the configured reportsDir is used)',
  });
}

/** Run folders (those with parts/*.json), oldest first: run ids start with their UTC timestamp. */
export function listRuns(reportsDir: string): string[] {
  if (!existsSync(reportsDir)) return [];
  return readdirSync(reportsDir)
    .filter((name) => name !== 'latest' && hasParts(join(reportsDir, name)))
    .sort((a, b) => mtime(join(reportsDir, a)) - mtime(join(reportsDir, b)) || a.localeCompare(b));
}

function hasParts(dir: string): boolean {
  const parts = join(dir, 'parts');
  try {
    return statSync(parts).isDirectory() && readdirSync(parts).some((f) => f.endsWith('.json'));
  } catch {
    return false;
  }
}

const mtime = (dir: string): number => {
  try {
    return statSync(join(dir, 'parts')).mtimeMs;
  } catch {
    return 0;
  }
};
