import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build.ts';
import { formatConsoleSummary } from '../../src/report/console.ts';
import { githubAnnotations } from '../../src/report/github.ts';
import { registerSecret } from '../../src/secrets/redact.ts';
import { SECRETS, writeSyntheticRun } from './fixture.ts';

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });

describe('secrets', () => {
  it('appear in no file of the run folder, even when a part wrote them raw', () => {
    const { dir } = writeSyntheticRun();
    // the part files hold the raw values (a careless part writer); the report build knows the secrets
    expect(readFileSync(join(dir, 'parts', 'smoke.json'), 'utf8')).toContain(SECRETS.apiKey);
    Object.values(SECRETS).forEach(registerSecret);
    const report = buildReport(dir);

    const reportFiles = ['gate.json', 'junit.xml', 'summary.md', 'index.html'].map((f) => join(dir, f));
    for (const file of reportFiles) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).toContain('[REDACTED]');
      for (const secret of Object.values(SECRETS)) {
        expect(text, `${file} leaks ${secret}`).not.toContain(secret);
        expect(text).not.toContain(Buffer.from(secret).toString('base64'));
      }
    }
    // every file of the run folder, the part files included (the build scrubs them too)
    const all = filesUnder(dir);
    expect(all.length).toBeGreaterThanOrEqual(8);
    for (const file of all) {
      const text = readFileSync(file, 'utf8');
      for (const secret of Object.values(SECRETS)) expect(text, file).not.toContain(secret);
    }
    // credential headers are masked whatever they hold, even values never registered as secrets
    const wrongAudience = report.checks.find((c) => c.kind === 'auth.wrong-audience' && c.status === 'failed');
    expect(wrongAudience?.evidence[0]?.requestHeaders?.authorization).toBe('Bearer [REDACTED]');
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).not.toContain('eyJhbGciOiJIUzI1NiJ9');
    for (const text of [formatConsoleSummary(report), ...githubAnnotations(report)]) {
      for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
    }
  });
});
