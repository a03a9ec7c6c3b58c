import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckResult, RunPart } from '../domain/result.ts';

/**
 * Reads parts/*.json tolerantly: a part that is unreadable or not shaped like a RunPart becomes a part with
 * an error (the verdict is then "error"), instead of a crash that would leave no report at all.
 */
export function readPartsSafely(dir: string): RunPart[] {
  const partsDir = join(dir, 'parts');
  if (!existsSync(partsDir)) return [];
  return readdirSync(partsDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const name = file.replace(/\.json$/, '');
      try {
        return normalizePart(JSON.parse(readFileSync(join(partsDir, file), 'utf8')) as Partial<RunPart>, name);
      } catch (e) {
        return brokenPart(name, `parts/${file} is not valid JSON (${(e as Error).message.split('\n')[0]})`);
      }
    });
}

function normalizePart(raw: Partial<RunPart>, name: string): RunPart {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return brokenPart(name, `parts/${name}.json is not a run part object`);
  const checks = Array.isArray(raw.checks) ? raw.checks.filter(isCheck) : [];
  const dropped = Array.isArray(raw.checks) ? raw.checks.length - checks.length : 0;
  const errors = [
    ...(Array.isArray(raw.errors) ? raw.errors.map(String) : []),
    ...(dropped ? [`${dropped} malformed check result(s) in parts/${name}.json`] : []),
  ];
  return {
    part: typeof raw.part === 'string' ? raw.part : name,
    startedAt: typeof raw.startedAt === 'string' && !Number.isNaN(Date.parse(raw.startedAt)) ? raw.startedAt : new Date().toISOString(),
    durationMs: typeof raw.durationMs === 'number' && raw.durationMs >= 0 ? raw.durationMs : 0,
    target: typeof raw.target === 'string' ? raw.target : '',
    stages: Array.isArray(raw.stages) ? raw.stages.map(String) : [],
    checks: checks.map((c) => ({
      ...c,
      evidence: Array.isArray(c.evidence) ? c.evidence : [],
      expected: String(c.expected ?? ''),
      actual: String(c.actual ?? ''),
    })),
    ...(errors.length ? { errors } : {}),
    ...(raw.links && typeof raw.links === 'object' ? { links: raw.links } : {}),
  };
}

const isCheck = (c: unknown): c is CheckResult => {
  const x = c as Partial<CheckResult> | null;
  return (
    !!x &&
    typeof x === 'object' &&
    typeof x.id === 'string' &&
    typeof x.kind === 'string' &&
    typeof x.stage === 'string' &&
    ['passed', 'failed', 'skipped'].includes(x.status as string)
  );
};

const brokenPart = (name: string, error: string): RunPart => ({
  part: name,
  startedAt: new Date().toISOString(),
  durationMs: 0,
  target: '',
  stages: [],
  checks: [],
  errors: [error],
});
