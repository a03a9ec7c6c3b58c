import { readPlanFile } from '../src/engine/run-files.ts';
import { settingsFromEnv } from '../src/engine/settings.ts';
import type { CheckResult } from '../src/domain/result.ts';
import { expect, test } from './fixtures.ts';
import { CHECK_ANNOTATION, RESULT_ATTACHMENT, stageTag } from './suite-names.ts';

/**
 * The spec-driven gate: one test per planned check, titled `[prod] GET /pets/{petId} › auth.expired-token`.
 * The check itself runs in the run's gate engine (paced, possibly ahead of its test); the test attaches its
 * CheckResult for the reporter and fails or skips like the check.
 */
const settings = settingsFromEnv();
// playwright.config.ts made sure the plan file exists.
const checks = readPlanFile(settings.runDir)?.checks ?? [];

const SERIAL_TIMEOUT_MS = 30 * 60_000;

// No retries: an auth (or any gate) result that changes between tries is itself a finding.
test.describe.configure({ retries: 0 });

for (const check of checks) {
  test(
    check.title,
    { tag: [stageTag(check.stage), `@${check.kind}`], annotation: { type: CHECK_ANNOTATION, description: check.id } },
    async ({ engine }, testInfo) => {
      // A serial check waits for every parallel check and for the serial checks before it, of every stage.
      if (check.serial) test.setTimeout(SERIAL_TIMEOUT_MS);
      const result = await engine.check(check.id);
      await testInfo.attach(RESULT_ATTACHMENT, { body: JSON.stringify(result), contentType: 'application/json' });
      test.skip(result.status === 'skipped', result.actual);
      expect(result.status, explain(result)).toBe('passed');
    },
  );
}

function explain(result: CheckResult): string {
  const first = result.evidence[0];
  const proof = first ? `\n  ${first.request}${first.status !== undefined ? ` -> ${first.status}` : ''}${first.note ? ` (${first.note})` : ''}` : '';
  return `expected ${result.expected}\n  actual ${result.actual}${proof}`;
}
