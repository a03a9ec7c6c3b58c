import { GateproofError } from '../domain/errors.ts';
import { registerSecret } from '../secrets/redact.ts';
import { parsePact, type Pact } from './pact-file.ts';
import type { ConsumerVersionSelector } from './verify-job.ts';

/** A Pact Broker / PactFlow, from PACT_BROKER_BASE_URL + PACT_BROKER_TOKEN or PACT_BROKER_USERNAME/PASSWORD. */
export interface BrokerAuth {
  url: string;
  token?: string;
  username?: string;
  password?: string;
}

export const DEFAULT_SELECTORS: ConsumerVersionSelector[] = [{ mainBranch: true }, { deployedOrReleased: true }];

export function brokerFromEnv(env: NodeJS.ProcessEnv = process.env): BrokerAuth | undefined {
  const url = env.PACT_BROKER_BASE_URL?.trim();
  if (!url) return undefined;
  const auth: BrokerAuth = { url: url.replace(/\/+$/, '') };
  if (env.PACT_BROKER_TOKEN) auth.token = env.PACT_BROKER_TOKEN;
  else if (env.PACT_BROKER_USERNAME) {
    auth.username = env.PACT_BROKER_USERNAME;
    auth.password = env.PACT_BROKER_PASSWORD ?? '';
  }
  registerSecret(auth.token);
  registerSecret(auth.password);
  if (auth.username && auth.password) registerSecret(`${auth.username}:${auth.password}`);
  return auth;
}

const seg = encodeURIComponent;

/** The broker's HAL API, the few resources gateproof uses. Every error names the URL and the status. */
export class BrokerClient {
  constructor(private readonly auth: BrokerAuth) {}

  /** Pacts to verify for a provider, by consumer version selectors (POST pb:provider-pacts-for-verification). */
  async pactsForVerification(
    provider: string,
    selectors: ConsumerVersionSelector[],
    options: { providerBranch?: string; includePending?: boolean; includeWipPactsSince?: string } = {},
  ): Promise<Pact[]> {
    const index = (await this.request('GET', '/')) as HalDoc;
    const link = index._links?.['pb:provider-pacts-for-verification']?.href;
    if (!link) throw this.error('/', 'the broker index has no pb:provider-pacts-for-verification link (Pact Broker 2.54 or later is needed)');
    const body = {
      consumerVersionSelectors: selectors,
      includePendingStatus: options.includePending ?? false,
      ...(options.includeWipPactsSince ? { includeWipPactsSince: options.includeWipPactsSince } : {}),
      ...(options.providerBranch ? { providerVersionBranch: options.providerBranch } : {}),
    };
    const found = (await this.request('POST', link.replace('{provider}', seg(provider)), body)) as HalDoc;
    const entries = (found._embedded?.pacts ?? []) as HalDoc[];
    const pacts: Pact[] = [];
    for (const entry of entries) {
      const href = entry._links?.self?.href;
      if (!href) continue;
      const pact = parsePact(await this.request('GET', href), href);
      const pending = (entry.verificationProperties as { pending?: boolean } | undefined)?.pending === true;
      pacts.push({ ...pact, interactions: pact.interactions.map((i) => ({ ...i, pending: i.pending || pending })) });
    }
    return pacts;
  }

  /** PUT /pacts/provider/{p}/consumer/{c}/version/{v}, then the branch and tags of that consumer version. */
  async publishPact(
    pact: unknown,
    names: { consumer: string; provider: string },
    version: string,
    options: { branch?: string; tags?: string[] } = {},
  ): Promise<void> {
    await this.request('PUT', `/pacts/provider/${seg(names.provider)}/consumer/${seg(names.consumer)}/version/${seg(version)}`, pact);
    if (options.branch) await this.request('PUT', `/pacticipants/${seg(names.consumer)}/branches/${seg(options.branch)}/versions/${seg(version)}`, {});
    for (const tag of options.tags ?? []) await this.request('PUT', `/pacticipants/${seg(names.consumer)}/versions/${seg(version)}/tags/${seg(tag)}`, {});
  }

  /** The matrix answer for deploying a pacticipant version to an environment (what can-i-deploy asks). */
  async canIDeploy(pacticipant: string, version: string, environment: string): Promise<{ deployable: boolean | null; reason: string; rows: string[] }> {
    const query = `q[][pacticipant]=${seg(pacticipant)}&q[][version]=${seg(version)}&latestby=cvp&environment=${seg(environment)}`;
    const doc = (await this.request('GET', `/matrix?${query}`)) as { summary?: { deployable?: boolean | null; reason?: string }; matrix?: MatrixRow[] };
    const rows = (doc.matrix ?? []).map(
      (r) =>
        `${r.consumer?.name} ${r.consumer?.version?.number ?? '?'} -> ${r.provider?.name} ${r.provider?.version?.number ?? '?'}: ${r.verificationResult ? (r.verificationResult.success ? 'verified' : 'failed') : 'not verified'}`,
    );
    return { deployable: doc.summary?.deployable ?? null, reason: doc.summary?.reason ?? 'the broker gave no reason', rows };
  }

  async request(method: string, pathOrUrl: string, body?: unknown): Promise<unknown> {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${this.auth.url}${pathOrUrl}`;
    const headers: Record<string, string> = { accept: 'application/hal+json, application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.auth.token) headers.authorization = `Bearer ${this.auth.token}`;
    else if (this.auth.username) headers.authorization = `Basic ${Buffer.from(`${this.auth.username}:${this.auth.password ?? ''}`).toString('base64')}`;
    let response: Response;
    try {
      response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
    } catch (e) {
      throw new GateproofError('TARGET_UNREACHABLE', `cannot reach the Pact Broker: ${(e as Error).message}`, {
        where: url,
        hint: 'check PACT_BROKER_BASE_URL and the network path to the broker',
      });
    }
    const text = await response.text();
    if (!response.ok) {
      const hint =
        response.status === 401 || response.status === 403
          ? 'check PACT_BROKER_TOKEN (or PACT_BROKER_USERNAME / PACT_BROKER_PASSWORD)'
          : "see the broker's answer above";
      throw new GateproofError(
        response.status === 401 || response.status === 403 ? 'CONFIG_INVALID' : 'TOOL_FAILED',
        `${method} answered ${response.status}: ${text.slice(0, 300)}`,
        { where: url, hint },
      );
    }
    if (!text) return {};
    try {
      return JSON.parse(text);
    } catch {
      throw this.error(url, `the broker answered non-JSON (${text.slice(0, 80)})`);
    }
  }

  private error(where: string, message: string): GateproofError {
    return new GateproofError('TOOL_FAILED', message, {
      where: where.startsWith('http') ? where : `${this.auth.url}${where}`,
      hint: 'check PACT_BROKER_BASE_URL points at a Pact Broker or PactFlow',
    });
  }
}

interface HalDoc {
  _links?: Record<string, { href?: string } | undefined>;
  _embedded?: Record<string, unknown[]>;
  [key: string]: unknown;
}
interface MatrixRow {
  consumer?: { name?: string; version?: { number?: string } };
  provider?: { name?: string; version?: { number?: string } };
  verificationResult?: { success?: boolean } | null;
}
