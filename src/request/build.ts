import { presentCredentials, slotsFor } from '../auth/credentials.ts';
import type { StageConfig } from '../config/load.ts';
import type { CredentialKind, Operation } from '../openapi/model.ts';
import type { StageRequest } from '../http/exchange.ts';
import { sampleRequest, withQuery, type SampledRequest } from './sample.ts';

export interface BuiltRequest {
  request: StageRequest;
  sampled: SampledRequest;
  /** Credential kinds the stage could not supply (the check cannot isolate what it tests). */
  missing: CredentialKind[];
  /** Query parameters that carry credentials (not part of the integration mapping). */
  credentialQuery: string[];
}

export interface CredentialChoice {
  /** Kinds left out. */
  omit?: CredentialKind[];
  /** Values swapped in for a kind (a negative token, another stage's key); the rest stay valid. */
  replace?: Partial<Record<CredentialKind, string>>;
  /** Whose credentials to present (default: the stage under test's). */
  from?: StageConfig;
}

const samples = new WeakMap<object, Map<number, SampledRequest>>();

/** The operation's sampled request, memoized per operation and seed (sampling is deterministic). */
export function sampledFor(op: Operation, seed: number): SampledRequest {
  let bySeed = samples.get(op);
  if (!bySeed) samples.set(op, (bySeed = new Map()));
  let sampled = bySeed.get(seed);
  if (!sampled) bySeed.set(seed, (sampled = sampleRequest(op, seed)));
  return sampled;
}

/** A schema-valid request for `op` with the chosen credentials. */
export async function buildRequest(stage: StageConfig, op: Operation, seed: number, choice: CredentialChoice = {}): Promise<BuiltRequest> {
  const sampled = sampledFor(op, seed);
  const creds = await presentCredentials(op, choice.from ?? stage, { omit: choice.omit, replace: choice.replace });
  const query = { ...sampled.query, ...creds.query };
  return {
    request: {
      method: sampled.method,
      path: withQuery(sampled.path, query),
      headers: { ...sampled.headers, ...creds.headers },
      body: sampled.body,
      operation: op.key,
    },
    sampled,
    missing: creds.missing,
    credentialQuery: Object.keys(creds.query),
  };
}

/** The same request with no credentials at all. */
export const withoutCredentials = (stage: StageConfig, op: Operation, seed: number): Promise<BuiltRequest> =>
  buildRequest(stage, op, seed, { omit: slotsFor(op).map((s) => s.kind) });
