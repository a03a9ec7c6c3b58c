import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_CONFIG, runCli } from '../helpers/cli.ts';
import { exampleEnv } from '../helpers/example-env.ts';
import { spawnGateway, type GatewayProcess } from '../helpers/gateway-process.ts';

/**
 * A finished command exits at once: against a gateway that keeps idle keep-alive connections open for
 * 65 s (like most load balancers), `smoke` must not sit in the pipeline until the server hangs up.
 */
describe('a finished command does not linger on open connections', () => {
  let gateway: GatewayProcess;
  beforeAll(async () => {
    gateway = await spawnGateway(EXAMPLE_CONFIG, [], exampleEnv());
  });
  afterAll(() => gateway.close());

  it('smoke against a separate gateway process exits well before its keep-alive timeout', async () => {
    const started = Date.now();
    const { code, stderr } = await runCli(['smoke', '--config', EXAMPLE_CONFIG, '--only', 'route.unknown,route.cors'], {
      env: { ...exampleEnv(), DEV_BASE_URL: gateway.stageURL('dev'), PROD_BASE_URL: gateway.stageURL('prod') },
      timeoutMs: 120_000,
    });
    expect(code, stderr).toBe(0);
    // Lingering would add the server's 65 s idle timeout on top of a run of a few seconds.
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 130_000);
});
