import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GateproofError } from '../../src/domain/errors.ts';
import { customCheckFiles } from '../../src/engine/custom-checks.ts';

function repo(files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'gp-checks-'));
  for (const file of files) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), '');
  }
  return dir;
}

describe("customChecks: the team's check files", () => {
  it('default checks/**/*.spec.ts next to the config, sorted and absolute, never under node_modules; none is fine', () => {
    const dir = repo([
      'checks/b.spec.ts',
      'checks/deep/a.spec.ts',
      'checks/helper.ts',
      'other/c.spec.ts',
      'node_modules/x/checks/d.spec.ts',
      'checks/node_modules/e.spec.ts',
    ]);
    expect(customCheckFiles({ configPath: join(dir, 'gateproof.config.ts') })).toEqual([join(dir, 'checks/b.spec.ts'), join(dir, 'checks/deep/a.spec.ts')]);
    expect(customCheckFiles({ configPath: join(repo([]), 'gateproof.config.ts') })).toEqual([]);
  });

  it('globs relative to the config file; one that matches nothing is a config error naming it', () => {
    const dir = repo(['gate/config/gateproof.config.ts', 'gate/e2e/x.check.ts', 'gate/e2e/y.check.js']);
    const configPath = join(dir, 'gate', 'config', 'gateproof.config.ts');
    expect(customCheckFiles({ configPath, customChecks: ['../e2e/*.check.{ts,js}'] })).toEqual([
      join(dir, 'gate/e2e/x.check.ts'),
      join(dir, 'gate/e2e/y.check.js'),
    ]);
    const error = (() => {
      try {
        return customCheckFiles({ configPath, customChecks: ['../e2e/*.check.ts', 'chekcs/**/*.spec.ts'] });
      } catch (e) {
        return e;
      }
    })() as GateproofError;
    expect(error).toBeInstanceOf(GateproofError);
    expect(error.exitCode).toBe(2);
    expect(error.describe()).toMatch(/customChecks: "chekcs\/\*\*\/\*\.spec\.ts" matches no file[\s\S]*fix: fix the glob/);
  });
});
