import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { existingModule, importUserModule } from '../../src/config/import-module.ts';

describe("modules of the user's project", () => {
  const dir = mkdtempSync(join(tmpdir(), 'gp-modules-'));
  writeFileSync(join(dir, 'handlers.js'), 'export default { compiled: true };\n');
  writeFileSync(join(dir, 'source.ts'), 'export default { source: true, commonJs: typeof require === "function" };\n');

  it('a path as written, else the same module with another script extension, else the path as written', () => {
    expect(existingModule(join(dir, 'source.ts'))).toBe(join(dir, 'source.ts'));
    expect(existingModule(join(dir, 'handlers.ts'))).toBe(join(dir, 'handlers.js'));
    expect(existingModule(join(dir, 'source'))).toBe(join(dir, 'source.ts'));
    expect(existingModule(join(dir, 'missing.ts'))).toBe(join(dir, 'missing.ts'));
  });

  it('TypeScript loads as CommonJS without a package.json saying "type": "module", and as ESM with one', async () => {
    expect((await importUserModule(join(dir, 'source.ts'))).default).toEqual({ source: true, commonJs: true });
    const esm = mkdtempSync(join(tmpdir(), 'gp-modules-esm-'));
    writeFileSync(join(esm, 'package.json'), JSON.stringify({ type: 'module' }));
    writeFileSync(join(esm, 'config.ts'), 'export const named = 1;\nexport default { esm: typeof require === "undefined" };\n');
    const loaded = await importUserModule(join(esm, 'config.ts'));
    expect(loaded.default).toEqual({ esm: true });
    expect(loaded.named).toBe(1);
  });
});
