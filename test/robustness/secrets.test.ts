import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_CONFIG, ROOT, runCli } from '../helpers/cli.ts';
import { exampleEnv } from '../helpers/example-env.ts';
import { findSecrets, readableTexts } from '../helpers/scan.ts';

/**
 * Secrets (issue 8): distinctive credentials planted in the environment are used for real by the whole demo
 * (smoke, throttle, contracts, load against the local gateway) and appear in no report file, console
 * output, Playwright report or trace, k6 output or pact file — in any encoding. Signed tokens minted from
 * them never appear either.
 */
const SIGNED_JWT = /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{20,}/;

describe('secrets never leave the process', () => {
  it('the scan finds a secret in any of its encodings', () => {
    const secret = 'gp-planted-probe-0123456789abcdef';
    for (const text of [`x ${secret} y`, encodeURIComponent(secret), Buffer.from(secret).toString('base64')]) {
      expect(findSecrets([{ file: 'f', text }], { PROBE: secret })).toEqual(['f: PROBE']);
    }
    expect(findSecrets([{ file: 'f', text: 'nothing here' }], { PROBE: secret })).toEqual([]);
  });

  it('a full demo run with planted credentials leaks none of them anywhere', async () => {
    const planted = Object.fromEntries(
      Object.keys(exampleEnv())
        .filter((name) => !name.endsWith('_BASE_URL'))
        .map((name) => [name, `gp-planted-${name.toLowerCase().replace(/_/g, '-')}-${randomBytes(8).toString('hex')}`]),
    );
    const reports = mkdtempSync(join(tmpdir(), 'gp-secrets-'));
    const { code, stdout, stderr } = await runCli(['demo', '--config', EXAMPLE_CONFIG], {
      env: { ...planted, GATEPROOF_REPORTS_DIR: reports, GATEPROOF_RUN_ID: 'secrets' },
      timeoutMs: 420_000,
    });
    expect(code, stderr.slice(-3000)).toBe(0);

    const texts = [
      { file: 'console', text: `${stdout}\n${stderr}` },
      ...readableTexts(join(reports, 'secrets')),
      ...(existsSync(join(ROOT, 'contracts/pacts')) ? readableTexts(join(ROOT, 'contracts/pacts')) : []),
      ...(existsSync(join(ROOT, 'test-results')) ? readableTexts(join(ROOT, 'test-results')) : []),
    ];
    const files = texts.map((t) => t.file).join('\n');
    // The scan saw every part: reports, Playwright's report, k6's outputs, the pacts.
    expect(files).toMatch(/gate\.json/);
    expect(files).toMatch(/playwright-report/);
    expect(files).toMatch(/k6-/);
    expect(files).toMatch(/pacts\/.+\.json/);
    // ...including inside the zip Playwright embeds in its HTML report (test titles are readable there).
    expect(texts.some((t) => t.file.includes('playwright-report') && t.file.includes('!') && t.text.includes('auth.missing'))).toBe(true);
    expect(findSecrets(texts, planted)).toEqual([]);
    expect(texts.filter((t) => SIGNED_JWT.test(t.text)).map((t) => `${t.file}: ${SIGNED_JWT.exec(t.text)?.[0].slice(0, 40)}…`)).toEqual([]);
  }, 480_000);
});
