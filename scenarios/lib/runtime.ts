import http from 'k6/http';
import { ENV, OPERATION_TAG, PLAN_VERSION, type LoadPlan, type Latency, type PlannedRequest, type Signature } from './plan-types.ts';

/** The plan file named by GATEPROOF_PLAN (read once, in the init context: archives embed it). */
export function readPlan(): LoadPlan {
  const path = __ENV[ENV.plan];
  if (!path) throw new Error(`${ENV.plan} is not set: run the scenario through \`gateproof load\`, or pass -e ${ENV.plan}=<plan file>`);
  const plan = JSON.parse(open(path)) as LoadPlan;
  if (plan.version !== PLAN_VERSION) throw new Error(`plan file ${path} has version ${plan.version}, this scenario reads ${PLAN_VERSION}`);
  return plan;
}

type PerOperation = Record<string, Record<string, string>>;
const parseEnv = (name: string): PerOperation => {
  const raw = __ENV[name];
  return raw ? (JSON.parse(raw) as PerOperation) : {};
};
const credentialHeaders = parseEnv(ENV.credentials);
const credentialQuery = parseEnv(ENV.credentialsQuery);

/**
 * Sends a planned request with its operation's credentials (from the environment), named by operation (so
 * no URL, which may carry a query credential, becomes a tag). Callers add the `operation` tag.
 */
export function send(base: string, r: PlannedRequest, tags: Record<string, string>, params: Partial<http.Params> = {}): http.RefinedResponse<'text'> {
  const query = credentialQuery[r.key];
  const extra = query
    ? Object.keys(query)
        .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(query[k]!)}`)
        .join('&')
    : '';
  const url = `${base}${r.path}${extra ? `${r.path.indexOf('?') >= 0 ? '&' : '?'}${extra}` : ''}`;
  const headers = { ...r.headers, ...(credentialHeaders[r.key] ?? {}) };
  return http.request(r.method, url, r.body ?? null, { headers, tags: { name: r.key, ...tags }, timeout: '20s', ...params }) as http.RefinedResponse<'text'>;
}

/**
 * Opens this VU's connection to the gateway without touching any token bucket: an undeclared path under the
 * stage, without credentials (a gateway answers it itself: 403/404). A burst sent over warm connections
 * reaches the gateway within milliseconds instead of the spread of as many TCP (and TLS) handshakes.
 */
export function warmUp(base: string, operation: string): void {
  http.get(`${base}/gateproof-warm-up`, {
    tags: { name: 'warm-up', [OPERATION_TAG]: operation, gp_phase: 'warm-up' },
    responseCallback: http.expectedStatuses({ min: 100, max: 599 }),
    timeout: '10s',
  });
}

/** Whether a response carries a profile signature (status, body and header patterns). */
export function matchesSignature(sig: Signature, res: http.RefinedResponse<'text'>): boolean {
  if (sig.statuses.indexOf(res.status) < 0) return false;
  if (sig.body !== undefined && !new RegExp(sig.body).test(String(res.body ?? ''))) return false;
  for (const name of Object.keys(sig.headers)) {
    const value = headerValue(res, name);
    if (value === undefined || !new RegExp(sig.headers[name]!).test(value)) return false;
  }
  return true;
}

function headerValue(res: http.RefinedResponse<'text'>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const key of Object.keys(res.headers)) if (key.toLowerCase() === lower) return res.headers[key];
  return undefined;
}

/** `p(95)<150`-style thresholds for an SLO. */
export function latencyThresholds(slo: Latency | undefined): string[] {
  const out: string[] = [];
  if (!slo) return out;
  for (const p of [50, 90, 95, 99] as const) {
    const limit = slo[`p${p}`];
    if (limit !== undefined) out.push(`p(${p})<${limit}`);
  }
  return out;
}

/** k6 arrival rates are integers per time unit: 12.5/s becomes 25 per 2 s. */
export function arrival(ratePerSecond: number): { rate: number; timeUnit: string } {
  if (Number.isInteger(ratePerSecond)) return { rate: ratePerSecond, timeUnit: '1s' };
  for (const unit of [2, 4, 5, 10, 100]) {
    if (Number.isInteger(ratePerSecond * unit)) return { rate: ratePerSecond * unit, timeUnit: `${unit}s` };
  }
  return { rate: Math.max(1, Math.round(ratePerSecond * 100)), timeUnit: '100s' };
}

export const ms = (seconds: number): string => `${Math.max(0, Math.round(seconds * 1000))}ms`;

/** Enough VUs for an arrival rate whose requests take up to ~0.5 s. */
export const vusFor = (ratePerSecond: number): number => Math.ceil(ratePerSecond * 0.5) + 2;
