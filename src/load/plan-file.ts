import { presentCredentials } from '../auth/credentials.ts';
import { sampledFor } from '../request/build.ts';
import { withQuery } from '../request/sample.ts';
import type { GateproofConfig, StageConfig } from '../config/load.ts';
import { shapeOf, type LimitShape } from '../domain/limits.ts';
import { limitersOf } from '../gateway/limits.ts';
import { windowTooLong } from '../throttle-probe/window-schedule.ts';
import { plan } from '../plan/plan.ts';
import { isExposed } from '../plan/stage-plan.ts';
import type { Profile } from '../profiles/profile.ts';
import type { Operation } from '../openapi/model.ts';
import {
  ENV,
  PLAN_VERSION,
  type Latency,
  type LoadPlan,
  type MixOperation,
  type PlannedRequest,
  type ScenarioName,
  type ThrottleTarget,
} from '../../scenarios/lib/plan-types.ts';
import type { GatewayModel } from '../openapi/model.ts';
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
const MAX_BURST_VUS = 300;

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
    if (creds.sign) {
      notes.push(`${op.key}: left out, k6 scenarios cannot sign SigV4 (IAM) requests`);
      return undefined;
    }
    if (Object.keys(creds.headers).length) headers[op.key] = creds.headers;
    if (Object.keys(creds.query).length) query[op.key] = creds.query;
    const sampled = sampledFor(op, config.seed);
    return {
      key: op.key,
      method: sampled.method,
      path: withQuery(sampled.path, sampled.query),
      headers: sampled.headers,
      ...(sampled.body !== undefined ? { body: sampled.body } : {}),
    };
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
    const probes: { op: Operation; request: PlannedRequest; limits: LimitShape }[] = [];
    for (const check of plan(model, config, { stages: [stage], only: (k) => k === 'throttle.burst' })) {
      const op = model.operations.find((o) => o.key === check.operation);
      const limits = check.kind === 'throttle.burst' ? check.params.limits : undefined;
      const tooLong = limits && windowTooLong(limits);
      if (tooLong) notes.push(`${check.target}: left out, ${tooLong}`);
      const request = op && limits && !tooLong ? await requestOf(op) : undefined;
      if (op && request && limits) probes.push({ op, request, limits: shapeOf(limits) });
    }
    if (probes.length === 0)
      notes.push(
        `stage ${stage} declares no throttle limits, so there is nothing to probe (declare stages.${stage}.throttle, e.g. { rate: 100, burst: 50 }, operationThrottle or usagePlan in the config)`,
      );
    // Shrink the phases until every probe together stays within config.load.maxRequests.
    let duration = baseDuration;
    let targets = throttleTargets(probes, stageConfig, duration, config);
    for (let attempt = 0; attempt < 8 && duration > 2; attempt++) {
      const requests = targets.reduce((n, t) => n + t.requests, 0);
      if (requests <= maxRequests) break;
      duration = Math.max(2, (duration * maxRequests) / requests);
      targets = throttleTargets(probes, stageConfig, duration, config);
    }
    built = {
      plan: { ...base, throttle: { targets: targets.map((t) => t.target), maxVUs: MAX_BURST_VUS } },
      totalS: Math.max(0, ...targets.map((t) => t.endS)),
      requests: targets.reduce((n, t) => n + t.requests, 0),
    };
  } else {
    const share = config.load.share * (scenario === 'soak' ? 0.5 : 1);
    const operations: MixOperation[] = [];
    const ops: Operation[] = [];
    for (const op of model.operations.filter((o) => isExposed(o, stage, config))) {
      const request = await requestOf(op);
      if (!request) continue;
      ops.push(op);
      const slo = sloOf(config, op.key);
      operations.push({ ...request, weight: weightOf(op), expectedStatuses: expectedStatuses(op), ...(slo ? { slo } : {}) });
    }
    const rate = mixRate(ops, stageConfig, share, config.pacing.defaultRate);
    const durationS = Math.max(1, Math.min(baseDuration, Math.floor(maxRequests / Math.max(rate, 0.1))));
    const preAllocated = Math.ceil(rate * 0.3) + 2;
    built = {
      plan: {
        ...base,
        mix: {
          rate,
          durationS,
          sequence: weightedSequence(operations.map((o) => o.weight)),
          operations,
          vus: { preAllocated, max: Math.min(1000, Math.max(20, preAllocated * 4)) },
        },
      },
      totalS: durationS,
      requests: Math.ceil(rate * durationS) + 1,
    };
  }
  const env: Record<string, string> = {
    [ENV.credentials]: JSON.stringify(headers),
    ...(Object.keys(query).length ? { [ENV.credentialsQuery]: JSON.stringify(query) } : {}),
  };
  return { ...built, env, notes };
}

/**
 * The throttle targets with their phases. Each probes its own limiter, so they run side by side, except those
 * that share a counter (gateway/limits.ts: a usage plan's per-key bucket, a stage window): each of those runs
 * after the ones it shares a counter with.
 */
function throttleTargets(
  probes: readonly { op: Operation; request: PlannedRequest; limits: LimitShape }[],
  stage: StageConfig,
  durationS: number,
  config: GateproofConfig,
): { target: ThrottleTarget; endS: number; requests: number }[] {
  const counterEnds = new Map<string, number>();
  return probes.map(({ op, request, limits }) => {
    const t = targetTiming(limits, durationS, config.throttle.tolerance, MAX_BURST_VUS);
    const counters = limitersOf(stage, op).map((l) => l.id);
    const after = Math.max(0, ...counters.map((id) => counterEnds.get(id) ?? 0));
    const offset = after > 0 ? after + 1 : 0;
    for (const id of counters) counterEnds.set(id, offset + t.endS);
    const at = <P extends { startS: number }>(p: P): P => ({ ...p, startS: p.startS + offset });
    const slo = sloOf(config, request.key);
    const target: ThrottleTarget = {
      ...request,
      ...limits,
      under: at(t.under),
      burstPhase: at(t.burstPhase),
      over: at(t.over),
      recovery: at(t.recovery),
      bands: t.bands,
      ...(slo ? { slo } : {}),
    };
    return { target, endS: offset + t.endS, requests: t.requests };
  });
}

/** An operation's latency SLO: its own (config.slo.operations), else the global one; none when neither sets a bound. */
function sloOf(config: GateproofConfig, key: string): Latency | undefined {
  const slo = config.slo.operations[key] ?? config.slo.global;
  return Object.values(slo).some((v) => v !== undefined) ? slo : undefined;
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
