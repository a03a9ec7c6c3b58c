/**
 * `node bin/run-ts.js src/load/ensure-k6-cli.ts` (scripts/setup.sh): makes sure k6 is available (building the
 * pinned version with Go when needed) and prints its path. Exit 3 with how to install k6 when neither k6 nor
 * Go is there. Sets process.exitCode only (bin/run-ts.js owns the process).
 */
import { isGateproofError } from '../domain/errors.ts';
import { ensureK6 } from './ensure-k6.ts';

try {
  const k6 = await ensureK6({ log: (line) => process.stderr.write(`setup: ${line}\n`) });
  process.stdout.write(`${k6.path}\n`);
} catch (e) {
  if (!isGateproofError(e)) throw e;
  process.stderr.write(`setup: ${e.describe()}\n`);
  process.exitCode = e.exitCode;
}
