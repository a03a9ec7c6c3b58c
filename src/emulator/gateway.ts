import { Agent, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GateproofConfig } from '../config/load.ts';
import { GateproofError } from '../domain/errors.ts';
import type { GatewayModel } from '../openapi/model.ts';
import { ResponseCatalog } from './catalog.ts';
import { CorsPolicy } from './cors.ts';
import { closeServer, startEchoBackend, type EchoBackend } from './echo-backend.ts';
import { compileFaults, parseFaults, type Fault } from './faults.ts';
import { isHttpApi } from '../gateway/http-api.ts';
import { assertHttpApiFaults } from './http-api/faults.ts';
import { assertLimitFaultsApply } from './limit-faults.ts';
import { createHttpApiHandler, DEFAULT_STAGE } from './http-api/server.ts';
import { buildHttpStage } from './http-api/stage.ts';
import { GatewayResponder } from './responses.ts';
import { createHandler } from './server.ts';
import { buildStage } from './stage.ts';

export interface LocalGatewayOptions {
  config: GateproofConfig;
  model: GatewayModel;
  /** `--fault` values (contract names); unknown or malformed ones throw GateproofError('USAGE'). */
  faults?: string[];
  /** 0 (default) = a free port. */
  port?: number;
  host?: string;
}

export interface LocalGateway {
  /** http://127.0.0.1:PORT */
  url: string;
  /** What it emulates: a REST API, or an HTTP API (the config's profile is aws-http or the spec an HTTP API export). */
  mode: 'rest' | 'http';
  /** url + '/' + stage (an HTTP API's $default stage: url) */
  stageURL(stage: string): string;
  faults: Fault[];
  /** Port of each stage's echo backend (for diagnostics). */
  backends: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Starts the local gateway: one node:http server answering every stage of the config as `/{stage}/...` the way
 * an AWS REST API does, or an HTTP API (named stages as the first path segment, `$default` at the root), plus
 * one echo backend per stage for HTTP integrations.
 */
export async function startLocalGateway(options: LocalGatewayOptions): Promise<LocalGateway> {
  const { config, model } = options;
  const host = options.host ?? '127.0.0.1';
  const faultList = parseFaults(options.faults ?? []);
  const httpApi = isHttpApi(config, model);
  if (httpApi) assertHttpApiFaults(faultList);
  assertLimitFaultsApply(faultList, config);
  const stageNames = Object.keys(config.stages);
  const faults = compileFaults(faultList, new Set(model.operations.map((op) => op.key)), new Set(stageNames));
  const catalog = new ResponseCatalog(config.seed, model.specVersion);
  const byKey = new Map(model.operations.map((op) => [op.key, op]));
  const cannedFor = (key: string | undefined) => {
    const op = key === undefined ? undefined : byKey.get(key);
    return op ? catalog.successOf(op) : undefined;
  };
  const echoes = new Map<string, EchoBackend>();
  const agent = new Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 256 });
  try {
    for (const name of stageNames) {
      // The echo identifies itself as the stage's oracle expects (`oracle.expect`, else the stage name).
      echoes.set(name, await startEchoBackend(config.stages[name]!.oracle.expect ?? name, cannedFor, '127.0.0.1'));
    }
  } catch (e) {
    await Promise.all([...echoes.values()].map((echo) => echo.close()));
    throw e;
  }
  const backendOf = (name: string): { host: string; port: number } => {
    const echo = echoes.get(faults.stageSwap.get(name) ?? name)!;
    return { host: echo.host, port: echo.port };
  };
  const cors = new CorsPolicy(model.cors, faults.corsAny);
  const handler = httpApi
    ? createHttpApiHandler({
        stages: new Map(stageNames.map((name) => [name, buildHttpStage({ name, config, model, faults, catalog, backend: backendOf(name) })])),
        faults,
        cors,
        agent,
      })
    : createHandler({
        stages: new Map(stageNames.map((name) => [name, buildStage({ name, config, model, faults, catalog, backend: backendOf(name) })])),
        faults,
        responder: new GatewayResponder(model.gatewayResponses),
        cors,
        agent,
      });
  const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 60_000 }, handler);
  const closeAll = async (): Promise<void> => {
    agent.destroy();
    await Promise.all([...echoes.values()].map((echo) => echo.close()));
  };
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    await closeAll();
    const code = (e as NodeJS.ErrnoException).code;
    throw new GateproofError('USAGE', `cannot listen on ${host}:${options.port ?? 0}: ${code ?? (e as Error).message}`, {
      hint: code === 'EADDRINUSE' ? 'pick another port with --port N (or 0 for a free one)' : 'check --host and --port',
      cause: e,
    });
  }
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    mode: httpApi ? 'http' : 'rest',
    stageURL: (stage) => (httpApi && stage === DEFAULT_STAGE ? url : `${url}/${stage}`),
    faults: faultList,
    backends: Object.fromEntries([...echoes].map(([name, echo]) => [name, `http://${echo.host}:${echo.port}`])),
    close: () => (closing ??= Promise.all([closeServer(server), closeAll()]).then(() => undefined)),
  };
}
