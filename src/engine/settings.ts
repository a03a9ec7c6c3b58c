import { resolve } from 'node:path';
import { newRunId } from '../report/run-dir.ts';

/**
 * What the gate suite (Playwright, in child processes) needs from the command that started it, passed
 * through environment variables. Without them (a user running `npx playwright test -c suites/...` directly)
 * the defaults run every stage of ./gateproof.config.ts into a new reports/<run-id>/.
 */
export interface SuiteSettings {
  /** Absolute path of gateproof.config.ts. */
  configPath: string;
  /** --spec override. */
  spec?: string;
  /** .env files read next to the config, first wins per variable. */
  envFiles: string[];
  /** Selected stages (empty: all). */
  stages: string[];
  /** --only values as given (families or kinds). */
  only: string[];
  /** Absolute run folder (reports/<run-id>). */
  runDir: string;
  /** Stage -> base URL overriding the config (demo points stages at the local gateway). */
  baseURLs: Record<string, string>;
  /** Throttle checks may run on protected stages. */
  allowProtected: boolean;
}

const ENV = {
  configPath: 'GATEPROOF_CONFIG',
  spec: 'GATEPROOF_SPEC',
  envFiles: 'GATEPROOF_ENV_FILES',
  stages: 'GATEPROOF_STAGES',
  only: 'GATEPROOF_ONLY',
  runDir: 'GATEPROOF_RUN_DIR',
  baseURLs: 'GATEPROOF_BASE_URLS',
  allowProtected: 'GATEPROOF_ALLOW_PROTECTED',
} as const satisfies Record<keyof SuiteSettings, string>;

export function settingsToEnv(settings: SuiteSettings): Record<string, string> {
  return {
    [ENV.configPath]: settings.configPath,
    ...(settings.spec ? { [ENV.spec]: settings.spec } : {}),
    [ENV.envFiles]: JSON.stringify(settings.envFiles),
    [ENV.stages]: settings.stages.join(','),
    [ENV.only]: settings.only.join(','),
    [ENV.runDir]: settings.runDir,
    [ENV.baseURLs]: JSON.stringify(settings.baseURLs),
    [ENV.allowProtected]: settings.allowProtected ? '1' : '0',
  };
}

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): SuiteSettings {
  const list = (value: string | undefined): string[] =>
    (value ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return {
    configPath: resolve(cwd, env[ENV.configPath] ?? 'gateproof.config.ts'),
    ...(env[ENV.spec] ? { spec: env[ENV.spec] } : {}),
    envFiles: env[ENV.envFiles] ? (JSON.parse(env[ENV.envFiles]!) as string[]) : ['.env'],
    stages: list(env[ENV.stages]),
    only: list(env[ENV.only]),
    runDir: resolve(cwd, env[ENV.runDir] ?? `reports/${newRunId()}`),
    baseURLs: env[ENV.baseURLs] ? (JSON.parse(env[ENV.baseURLs]!) as Record<string, string>) : {},
    allowProtected: env[ENV.allowProtected] === '1',
  };
}

/** Pins the defaults of a direct run so every process of one Playwright run agrees on them. */
export function pinRunDir(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): void {
  env[ENV.runDir] ??= settingsFromEnv(env, cwd).runDir;
}
