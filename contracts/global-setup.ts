import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pactDir } from './consumers/support.ts';

/** Pacts are regenerated from scratch on every run: stale interactions must not survive a consumer's change. */
export default function clearPacts(): void {
  const dir = pactDir();
  mkdirSync(dir, { recursive: true });
  for (const file of readdirSync(dir)) if (file.endsWith('.json')) rmSync(join(dir, file), { force: true });
}
