import { startEngine } from '../src/engine/engine-server.ts';
import { ENGINE_ENV } from '../src/engine/engine-protocol.ts';
import { ensurePlanFile, loadGateContext } from '../src/engine/gate-context.ts';
import { writeEnginePart } from '../src/engine/engine-part.ts';
import { writePacingFile } from '../src/engine/run-files.ts';
import { GateSession, sessionOptions } from '../src/engine/session.ts';
import { settingsFromEnv } from '../src/engine/settings.ts';

/**
 * A run started by `gateproof smoke` / `demo` brings its gate engine. Run directly (`npx playwright test -c
 * suites/playwright.config.ts`), the suite starts one here, in Playwright's main process, and hands its
 * address to the workers through the environment.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (process.env[ENGINE_ENV.url]) return async () => undefined;
  const settings = settingsFromEnv();
  const planFile = await ensurePlanFile(settings);
  const session = new GateSession(await loadGateContext(settings), planFile.checks, sessionOptions(settings, planFile));
  const engine = await startEngine(session);
  session.start();
  Object.assign(process.env, engine.env);
  return async () => {
    session.stop();
    await engine.close();
    writePacingFile(settings.runDir, session.pacing());
    writeEnginePart(settings.runDir, planFile, session.info());
  };
}
