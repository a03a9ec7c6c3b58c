import type { FullResult, Reporter, Suite, TestCase, TestError, TestResult } from '@playwright/test/reporter';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readPlanFile } from '../src/engine/run-files.ts';
import { settingsFromEnv } from '../src/engine/settings.ts';
import { loadConfig } from '../src/config/load.ts';
import type { CheckKind } from '../src/domain/kinds.ts';
import { createProgress } from '../src/report/progress.ts';
import { writePart } from '../src/report/run-dir.ts';
import type { CheckResult, RunPart } from '../src/domain/result.ts';
import { redact } from '../src/secrets/redact.ts';
import { CHECK_ANNOTATION, customKind, DESELECTED_ANNOTATION, RESULT_ATTACHMENT } from './suite-names.ts';

/**
 * Turns the Playwright run into the smoke part of the gate report: exactly one CheckResult per planned check
 * (from the result each test attaches; a check whose test never produced one fails, and the run records
 * why), plus users' custom tests as checks of the kind they are tagged with. Writes parts/smoke.json and
 * prints one progress line per check on stderr.
 */
export default class GateReporter implements Reporter {
  private readonly settings = settingsFromEnv();
  private readonly startedAt = new Date();
  private readonly planned = new Map<string, TestCase>();
  private readonly results = new Map<string, CheckResult>();
  private readonly custom = new Map<string, CheckResult>();
  private readonly errors: string[] = [];
  private readonly progress = createProgress(process.stderr);
  // Registers the config's credentials as secrets, so nothing this process writes can carry them.
  private readonly secretsKnown = loadConfig(this.settings.configPath, { envFiles: this.settings.envFiles, lenientEnv: true }).catch(() => undefined);

  onBegin(_config: unknown, suite: Suite): void {
    for (const test of suite.allTests()) {
      const id = checkIdOf(test);
      if (id) this.planned.set(id, test);
    }
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.annotations.some((a) => a.type === DESELECTED_ANNOTATION) || test.annotations.some((a) => a.type === DESELECTED_ANNOTATION)) return;
    const id = checkIdOf(test);
    const checkResult = id ? (attachedResult(result) ?? missingResult(id, test, result)) : customResult(test, result);
    if (id) this.results.set(id, checkResult);
    else this.custom.set(checkResult.id, checkResult);
    this.progress.onResult(checkResult);
    if (id && !attachedResult(result) && result.status !== 'timedOut')
      this.errors.push(`TOOL_FAILED: ${test.title} did not run: ${gist(result.error?.message) || result.status}`);
  }

  onError(error: TestError): void {
    this.errors.push(`TOOL_FAILED: ${gist(error.message) || 'Playwright reported an error outside any test'}`);
  }

  async onEnd(full: FullResult): Promise<void> {
    await this.secretsKnown;
    for (const [id, test] of this.planned) {
      if (this.results.has(id)) continue;
      this.results.set(id, {
        ...fromId(id),
        title: test.title,
        status: 'failed',
        expected: 'the check to run',
        actual: `did not run (Playwright run ${full.status})`,
        evidence: [],
      });
    }
    const notRun = [...this.planned.keys()].filter((id) => this.results.get(id)?.actual.startsWith('did not run (')).length;
    if (notRun > 0) this.errors.push(`TOOL_FAILED: ${notRun} checks did not run (Playwright run ${full.status})`);
    const plan = readPlanFile(this.settings.runDir) ?? { target: '', stages: undefined, startedAt: undefined };
    const startedAt = plan.startedAt ? new Date(plan.startedAt) : this.startedAt;
    const part: RunPart = {
      part: 'smoke',
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      target: plan.target,
      stages: plan.stages ?? [...new Set([...this.results.values()].map((r) => r.stage))],
      checks: [...this.results.values(), ...this.custom.values()],
      ...(this.errors.length ? { errors: [...new Set(this.errors)].map(redact) } : {}),
      links: { playwright: 'playwright-report/index.html' },
    };
    mkdirSync(join(this.settings.runDir, 'parts'), { recursive: true });
    writePart(this.settings.runDir, part);
  }

  printsToStdio(): boolean {
    return true;
  }
}

const checkIdOf = (test: TestCase): string | undefined => test.annotations.find((a) => a.type === CHECK_ANNOTATION)?.description;

function attachedResult(result: TestResult): CheckResult | undefined {
  const body = result.attachments.find((a) => a.name === RESULT_ATTACHMENT)?.body;
  return body ? (JSON.parse(body.toString('utf8')) as CheckResult) : undefined;
}

/** Ids are `<stage>:<kind>:<operation>`; stage and kind never contain a colon. */
function fromId(id: string): Pick<CheckResult, 'id' | 'stage' | 'kind' | 'operation'> {
  const [stage = '', kind = '', ...rest] = id.split(':');
  return { id, stage, kind: kind as CheckKind, operation: rest.join(':') };
}

function missingResult(id: string, test: TestCase, result: TestResult): CheckResult {
  const why =
    result.status === 'timedOut'
      ? `no result within the test timeout (${Math.round(test.timeout / 1000)} s)`
      : `did not run: ${gist(result.error?.message) || result.status}`;
  return {
    ...fromId(id),
    title: test.title,
    status: 'failed',
    expected: 'the check to finish',
    actual: redact(why),
    evidence: [],
    durationMs: result.duration,
  };
}

function customResult(test: TestCase, result: TestResult): CheckResult {
  const stage = test.parent.project()?.name ?? '';
  const kind = customKind(test.tags);
  const operation = `custom: ${test.titlePath().slice(3).join(' › ') || test.title}`;
  const status = result.status === 'passed' ? 'passed' : result.status === 'skipped' ? 'skipped' : 'failed';
  const actual =
    status === 'passed'
      ? 'passed'
      : status === 'skipped'
        ? ([...result.annotations, ...test.annotations].find((a) => a.type === 'skip')?.description ?? 'skipped')
        : gist(result.error?.message) || result.status;
  return {
    id: `${stage}:${kind}:${operation}`,
    kind,
    stage,
    operation,
    title: `[${stage}] ${operation}`,
    status,
    expected: 'the custom test passes',
    actual: redact(actual),
    evidence: [],
    durationMs: result.duration,
  };
}

/** The gist of an error message: its first few non-empty lines, colours stripped, on one line. */
const gist = (text: string | undefined): string =>
  (text ?? '')
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 3)
    .join(' ');
