import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeArgsFor, PACKAGE, packageLayout } from '../../src/domain/package.ts';
import { ROOT } from '../helpers/cli.ts';

describe("gateproof's own files, from a checkout and from the installed package", () => {
  const root = mkdtempSync(join(tmpdir(), 'gp-layout-'));
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'gateproof', version: '9.8.7', gateproof: { k6Version: 'v9.9.9' } }));
  // A package.json of another package on the way up (a folder with its own "type") is not gateproof's.
  mkdirSync(join(root, 'dist', 'src', 'domain'), { recursive: true });
  writeFileSync(join(root, 'dist', 'package.json'), JSON.stringify({ type: 'module' }));

  it('a checkout runs the TypeScript sources: the code root is the package root', () => {
    expect(packageLayout(join(root, 'src', 'domain', 'package.ts'))).toEqual({ root, codeRoot: root, codeExt: '.ts', version: '9.8.7', k6Version: 'v9.9.9' });
    expect(PACKAGE).toMatchObject({ root: ROOT.replace(/\/$/, ''), codeRoot: ROOT.replace(/\/$/, ''), codeExt: '.ts' });
  });

  it('the package runs dist/: the code root is dist/, modules are .js, package files stay at the root', () => {
    expect(packageLayout(join(root, 'dist', 'src', 'domain', 'package.js'))).toEqual({
      root,
      codeRoot: join(root, 'dist'),
      codeExt: '.js',
      version: '9.8.7',
      k6Version: 'v9.9.9',
    });
  });

  it('TypeScript modules run in a child process through tsx, JavaScript as is', () => {
    expect(nodeArgsFor('/x/worker.ts')).toEqual([join(PACKAGE.root, 'bin', 'run-ts.js'), '/x/worker.ts']);
    expect(nodeArgsFor('/x/worker.js')).toEqual(['/x/worker.js']);
  });

  it('no package.json named gateproof above: a clear error', () => {
    expect(() => packageLayout(join(tmpdir(), 'nowhere', 'x.ts'))).toThrow(/gateproof's package.json not found/);
  });
});
