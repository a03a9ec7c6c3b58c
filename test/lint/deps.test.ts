import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkDeps, cyclesOf, readDepsList } from '../../scripts/lint/deps.ts';

const ROOT = join(import.meta.dirname, '../..');
const SRC_DEPS = readFileSync(join(ROOT, 'src/DEPS.list'), 'utf8');
const trees: string[] = [];

/** A source tree with src/DEPS.list and the given files, in a temp folder. */
function tree(files: Record<string, string>, deps = SRC_DEPS): string {
  const dir = mkdtempSync(join(tmpdir(), 'gateproof-deps-'));
  trees.push(dir);
  for (const [path, text] of Object.entries({ 'src/DEPS.list': deps, ...files })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return join(dir, 'src');
}

const runLint = (src: string) => spawnSync(process.execPath, [join(ROOT, 'bin/run-ts.js'), join(ROOT, 'scripts/lint/deps.ts'), src], { encoding: 'utf8' });

afterEach(() => {
  for (const dir of trees.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('import boundaries (scripts/lint/deps.ts, src/DEPS.list)', () => {
  it('hold on gateproof itself: no violation, and the allowed graph has no cycle', () => {
    expect(checkDeps(join(ROOT, 'src'))).toEqual([]);
    expect(cyclesOf(readDepsList(join(ROOT, 'src')))).toEqual([]);
    expect(readDepsList(join(ROOT, 'src')).get('emulator')?.has('checks')).toBe(false);
  });

  it('fail on an import from src/emulator anywhere but the CLI', () => {
    const src = tree({
      'src/emulator/gateway.ts': 'export const gateway = 1;\n',
      'src/checks/oracle.ts': "import { gateway } from '../emulator/gateway.ts';\nexport const oracle = gateway;\n",
      'src/cli/main.ts': "import { gateway } from '../emulator/gateway.ts';\nexport const main = gateway;\n",
    });
    const violations = checkDeps(src);
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ line: 1, message: expect.stringMatching(/^"checks" may not import "emulator" \(emulator\/gateway\.ts\)/) });
    const lint = runLint(src);
    expect(lint.status).toBe(1);
    expect(lint.stderr).toContain('checks/oracle.ts:1: "checks" may not import "emulator"');
  });

  it('fail on a folder cycle in DEPS.list, and on a folder it does not list', () => {
    const src = tree(
      {
        'src/plan/a.ts': "import { b } from '../report/b.ts';\nexport const a = b;\n",
        'src/report/b.ts': 'export const b = 1;\n',
        'src/extra/c.ts': "import { b } from '../report/b.ts';\nexport const c = b;\n",
      },
      'plan: report\nreport: plan\n',
    );
    const messages = checkDeps(src).map((v) => v.message);
    expect(messages).toContain('folder cycle: plan -> report -> plan');
    expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/^folder "extra" is not in .*DEPS\.list/)]));
    expect(runLint(src).status).toBe(1);
  });
});
