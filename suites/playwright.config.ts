import { defineConfig, type Project } from '@playwright/test';
import { dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePlanFile } from '../src/engine/gate-context.ts';
import { pinRunDir, settingsFromEnv } from '../src/engine/settings.ts';
import type { GateOptions } from './fixtures.ts';
import { checksProjectName, stageTagPattern } from './suite-names.ts';

/**
 * The gate on Playwright Test: per stage, one project for the planned checks (gate.spec, one worker, tests in
 * plan order) and one for the team's own checks (customChecks, found next to the team's config), stages side
 * by side. The checks run in the gate engine (src/engine/session.ts), which paces each stage in one place
 * however many workers ask, runs the serial (throttle) checks after all others, one at a time, and has results
 * ready before most tests ask for them.
 *
 * `gateproof smoke` sets GATEPROOF_* variables (src/engine/settings.ts) and the engine's address; run
 * directly, this gates every stage of ./gateproof.config.ts and global-setup starts an engine. Traces,
 * screenshots and videos stay off: requests carry credentials. This file and its neighbours run as compiled
 * JavaScript from the installed package (Playwright compiles no TypeScript under node_modules) and as
 * TypeScript from a checkout: hence the extension of this very file.
 */
pinRunDir();
const settings = settingsFromEnv();
const { checks, customChecks = [] } = await ensurePlanFile(settings);
const stages = settings.stages.length > 0 ? settings.stages : [...new Set(checks.map((c) => c.stage))];
const self = fileURLToPath(import.meta.url);
const here = dirname(self);
const ext = extname(self);

const gateProjects: Project<GateOptions>[] = stages.map((stage) => ({
  name: stage,
  testDir: here,
  testMatch: [`gate.spec${ext}`],
  workers: 1,
  use: { stageName: stage },
  grepInvert: stages.length > 1 ? stages.filter((s) => s !== stage).map(stageTagPattern) : undefined,
}));

const checkDir = commonDir(customChecks);
const checkProjects: Project<GateOptions>[] = customChecks.length
  ? stages.map((stage) => ({ name: checksProjectName(stage), testDir: checkDir, testMatch: customChecks.map(exactly), workers: 1, use: { stageName: stage } }))
  : [];

export default defineConfig<GateOptions>({
  globalSetup: join(here, `global-setup${ext}`),
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  workers: Math.max(1, gateProjects.length + checkProjects.length),
  timeout: 120_000,
  reporter: [[join(here, `reporter${ext}`)], ['html', { outputFolder: join(settings.runDir, 'playwright-report'), open: 'never' }]],
  outputDir: join(settings.runDir, '.playwright'),
  use: { trace: 'off', screenshot: 'off', video: 'off' },
  projects: [...gateProjects, ...checkProjects],
});

/** The deepest folder holding every file (Playwright looks for a project's tests under one testDir). */
function commonDir(files: string[]): string {
  if (files.length === 0) return here;
  let dir = dirname(files[0]!);
  while (!files.every((f) => !relative(dir, f).startsWith(`..${sep}`))) dir = dirname(dir);
  return dir;
}

/** A testMatch entry for exactly this file (Playwright prefixes string globs with **, which would match more). */
function exactly(file: string): RegExp {
  return new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}
