import { presentCredentials } from '../auth/credentials.ts';
import { sampledFor } from '../checks/request/build.ts';
import { withQuery } from '../checks/request/sample.ts';
import type { GateproofConfig, StageConfig } from '../config/load.ts';
import { isExposed, plan } from '../plan/plan.ts';
import type { Profile } from '../profiles/profile.ts';
import type { Operation } from '../spec/model.ts';
import { ENV, PLAN_VERSION, type LoadPlan, type MixOperation, type PlannedRequest, type ScenarioName, type ThrottleTarget } from '../../scenarios/lib/plan-types.ts';
import type { GatewayModel } from '../spec/model.ts';
import { parseDuration } from './duration.ts';
import { mixRate, weightedSequence, weightOf } from './mix.ts';
import { targetTiming } from './throttle-targets.ts';

export interface LoadPlanInput {
  config: GateproofConfig;
  model: GatewayModel;
  profile: Profile;
  stage: string;
  scenario: ScenarioName;
  /** --duration (s); default from config.load.duration (soak: four times it). */
  durationS?: number;
}

export interface BuiltLoadPlan {
  plan: LoadPlan;
  /** Credentials for k6's environment (never written to disk). */
  env: Record<string, string>;
  /** How long the scenario runs (s). */
  totalS: number;
  /** Upper bound of the requests it sends. */
  requests: number;
  /** Operations left out, and why. */
  notes: string[];
}

/** A burst is at most this many VUs at once. */
export const MAX_BURST_VUS = 300;

/**
 * The plan file of a scenario for one stage: concrete sample requests (seeded, schema-valid), the stage base
 * URL, limits, SLOs and the profile's throttle signature, with every duration bounded by
 * config.load.maxRequests. Credentials go to `env` only.
 */
export async function buildLoadPlan(input: LoadPlanInput): Promise<BuiltLoadPlan> {
  const { config, model, profile, stage, scenario } = input;
  const stageConfig = config.stages[stage]!;
  const baseDuration = input.durationS ?? parseDuration(config.load.duration, 'config.load.duration') * (scenario === 'soak' ? 4 : 1);
  const forLoad = withTokenLifetime(stageConfig, baseDuration + 600);
  const headers: Record<string, Record<string, string>> = {};
  const query: Record<string, Record<string, string>> = {};
  const notes: string[] = [];
  const requestOf = async (op: Operation): Promise<PlannedRequest | undefined> => {
    const creds = await presentCredentials(op, forLoad);
    if (creds.missing.length) {
      notes.push(`${op.key}: left out, the stage has no ${creds.missing.join(', ')} credentials`);
      return undefined;
    }
    if (Object.keys(creds.headers).length) headers[op.key] = creds.headers;
    if (Object.keys(creds.query).length) query[op.key] = creds.query;
    const sampled = sampledFor(op, config.seed);
    return { key: op.key, method: sampled.method, path: withQuery(sampled.path, sampled.query), headers: sampled.headers, ...(sampled.body !== undefined ? { body: sampled.body } : {}) };
  };
  const base: LoadPlan = {
    version: PLAN_VERSION,
    scenario,
    stage,
    baseURL: stageConfig.baseURL.replace(/\/+$/, ''),
    signatures: { throttled: profile.rejections.throttled },
    slo: { global: config.slo.global, errorRate: config.slo.errorRate },
  };
  const maxRequests = config.load.maxRequests;
  let built: { plan: LoadPlan; totalS: number; requests: number };
  if (scenario === 'throttle') {
    const targets: ThrottleTarget[] = [];
    const checks = plan(model, config, { stages: [stage], only: (k) => k === 'throttle.burst' });
    let duration = baseDuration;
    for (let attempt = 0; attempt < 8; attempt++) {
      targets.length = 0;
      for (const check of checks) {
        const op = model.operations.find((o) => o.key === check.operation);
        const limits = check.params.limits;
        const request = op && limits ? await requestOf(op) : undefined;
        if (!request || !limits) continue;
        const t = targetTiming(limits, duration, config.throttle.tolerance, MAX_BURST_VUS);
        const slo = config.slo.operations[request.key] ?? config.slo.global;
        targets.push({ ...request, rate: limits.rate, burst: limits.burst, under: t.under, burstPhase: t.burstPhase, over: t.over, recovery: t.recovery, bands: t.bands, ...(Object.keys(slo).length ? { slo } : {}) });
      }
      const requests = targets.reduce((n, t) => n + targetTiming(t, duration, config.throttle.tolerance, MAX_BURST_VUS).requests, 0);
      if (requests <= maxRequests || duration <= 2) break;
      duration = Math.max(2, (duration * maxRequests) / requests);
    }
    if (targets.length === 0) notes.push(`stage ${stage} declares no throttle limits: nothing to probe`);
    const timings = targets.map((t) => targetTiming(t, duration, config.throttle.tolerance, MAX_BURST_VUS));
    built = {
      plan: { ...base, throttle: { targets, maxVUs: MAX_BURST_VUS } },
      totalS: Math.max(0, ...timings.map((t) => t.endS)),
      requests: timings.reduce((n, t) => n + t.requests, 0),
    };
  } else {
    const share = config.load.share * (scenario === 'soak' ? 0.5 : 1);
    const operations: MixOperation[] = [];
    const ops: Operation[] = [];
    for (const op of model.operations.filter((o) => isExposed(o, stage, config))) {
      const request = await requestOf(op);
      if (!request) continue;
      ops.push(op);
      const slo = config.slo.operations[op.key];
      operations.push({ ...request, weight: weightOf(op), expectedStatuses: expectedStatuses(op), ...(slo ? { slo } : {}) });
    }
    const rate = mixRate(ops, stageConfig, share, config.pacing.defaultRate);
    const durationS = Math.max(1, Math.min(baseDuration, Math.floor(maxRequests / Math.max(rate, 0.1))));
    const preAllocated = Math.ceil(rate * 0.3) + 2;
    built = {
      plan: { ...base, mix: { rate, durationS, sequence: weightedSequence(operations.map((o) => o.weight)), operations, vus: { preAllocated, max: Math.min(1000, Math.max(20, preAllocated * 4)) } } },
      totalS: durationS,
      requests: Math.ceil(rate * durationS) + 1,
    };
  }
  const env: Record<string, string> = { [ENV.headers]: JSON.stringify(headers), ...(Object.keys(query).length ? { [ENV.query]: JSON.stringify(query) } : {}) };
  return { ...built, env, notes };
}

/** Successes of the mix: 2xx/3xx and the documented client errors an operation may give (not 401/403/429). */
function expectedStatuses(op: Operation): MixOperation['expectedStatuses'] {
  const documented = op.responses.map((r) => Number(r.status)).filter((s) => Number.isInteger(s) && s >= 400 && s < 500 && ![401, 403, 429].includes(s));
  return [{ min: 200, max: 399 }, ...documented];
}

/** Minted tokens must outlive the run (a soak lasts longer than a token's usual five minutes). */
function withTokenLifetime(stage: StageConfig, seconds: number): StageConfig {
  const jwt = stage.credentials.jwt;
  if (!jwt || jwt.ttlSeconds >= seconds) return stage;
  return { ...stage, credentials: { ...stage.credentials, jwt: { ...jwt, ttlSeconds: Math.ceil(seconds) } } };
}
