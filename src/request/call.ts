import { presentCredentials, type PresentedCredentials } from '../auth/credentials.ts';
import type { StageConfig } from '../config/load.ts';
import type { Operation } from '../openapi/model.ts';
import type { StageRequest } from '../http/exchange.ts';
import { sampledFor } from './build.ts';
import { fillPath, withQuery } from './sample.ts';

/** What a custom test may change about an operation's sampled request. */
export interface CallOptions {
  /** 'valid' (default): the stage's credentials for the operation; 'none': no credentials. */
  credentials?: 'valid' | 'none';
  pathParams?: Record<string, string>;
  query?: Record<string, string>;
  /** A JSON value (serialized) or a raw string. */
  body?: unknown;
  headers?: Record<string, string>;
}

const NO_CREDENTIALS: PresentedCredentials = { headers: {}, query: {}, missing: [] };

/** The operation's sampled request with the caller's overrides and the chosen credentials. */
export async function callRequest(stage: StageConfig, op: Operation, seed: number, options: CallOptions = {}): Promise<StageRequest> {
  const sampled = sampledFor(op, seed);
  const creds = options.credentials === 'none' ? NO_CREDENTIALS : await presentCredentials(op, stage);
  const path = fillPath(op.path, { ...sampled.pathParams, ...options.pathParams });
  const body = options.body === undefined ? sampled.body : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  return {
    method: sampled.method,
    path: withQuery(path, { ...sampled.query, ...options.query, ...creds.query }),
    headers: { ...sampled.headers, ...creds.headers, ...options.headers },
    ...(body !== undefined ? { body } : {}),
    operation: op.key,
    ...(creds.sign ? { sign: creds.sign } : {}),
  };
}
