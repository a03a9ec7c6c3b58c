import { lstatSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { redactDeep } from '../secrets/redact.ts';
import { writeFileAtomic } from './atomic.ts';
import type { RunPart } from '../domain/result.ts';

/**
 * A run folder: reports/<run-id>/ with parts/<part>.json written by each part (smoke, throttle, contracts,
 * load-*) and the unified report files built from them. reports/latest points at the newest run.
 * GATEPROOF_RUN_ID lets several commands of one pipeline write into the same run.
 */
export function newRunId(now = new Date()): string {
  return (
    process.env.GATEPROOF_RUN_ID ??
    `${now
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z')}-${process.pid}`
  );
}

export function runDir(reportsDir: string, runId: string): string {
  const dir = resolve(reportsDir, runId);
  mkdirSync(join(dir, 'parts'), { recursive: true });
  return dir;
}

/** Writes one part's results (redacted), whole or not at all. Read them back with readPartsSafely. */
export function writePart(dir: string, part: RunPart): void {
  writeFileAtomic(join(dir, 'parts', `${part.part}.json`), JSON.stringify(redactDeep(part), null, 2));
}

/** Points reports/latest at this run (a relative symlink, replaced each time). */
export function pointLatest(reportsDir: string, runId: string): void {
  const latest = resolve(reportsDir, 'latest');
  try {
    if (lstatSync(latest, { throwIfNoEntry: false })) rmSync(latest, { recursive: true, force: true });
    symlinkSync(runId, latest, 'dir');
  } catch {
    // Filesystems without symlinks: leave a pointer file instead.
    writeFileSync(`${latest}.txt`, runId);
  }
}
