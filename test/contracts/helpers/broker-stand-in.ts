import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the stand-in received. */
export interface BrokerRequest {
  method: string;
  path: string;
  authorization?: string;
  body?: unknown;
}

export interface BrokerStandIn {
  url: string;
  requests: BrokerRequest[];
  /** Pacts published to it (and served back for verification), by "consumer/provider". */
  pacts: Map<string, { pact: Record<string, unknown>; version: string }>;
  close(): Promise<void>;
}

/**
 * A recording stand-in for a Pact Broker's HAL API on 127.0.0.1: the index, pact publication (PUT), branches and
 * tags, provider-pacts-for-verification, pact retrieval, verification-result publication and the matrix. It
 * serves back what was published, so a publish -> verify -> can-i-deploy round trip runs against it.
 */
export async function startBrokerStandIn(options: { token?: string } = {}): Promise<BrokerStandIn> {
  const requests: BrokerRequest[] = [];
  const pacts = new Map<string, { pact: Record<string, unknown>; version: string }>();
  const results: { consumer: string; success: boolean; providerVersion?: string }[] = [];
  let base = '';
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const path = req.url ?? '/';
    requests.push({
      method: req.method ?? 'GET',
      path,
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      ...(body !== undefined ? { body } : {}),
    });
    const send = (status: number, doc: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/hal+json' });
      res.end(JSON.stringify(doc));
    };
    if (options.token && req.headers.authorization !== `Bearer ${options.token}`) return send(401, { error: 'unauthorized' });
    const m = (re: RegExp): RegExpExecArray | null => re.exec(path.split('?')[0]!);
    let match: RegExpExecArray | null;
    if (req.method === 'GET' && (path === '/' || path === '')) {
      return send(200, {
        _links: {
          self: { href: `${base}/` },
          'pb:provider-pacts-for-verification': { href: `${base}/pacts/provider/{provider}/for-verification`, templated: true },
          'pb:publish-contracts': { href: `${base}/contracts/publish` },
          'pb:pacticipant-branch-version': { href: `${base}/pacticipants/{pacticipant}/branches/{branch}/versions/{version}`, templated: true },
          'pb:pacticipant-version': { href: `${base}/pacticipants/{pacticipant}/versions/{version}`, templated: true },
          'pb:pacticipant-version-tag': { href: `${base}/pacticipants/{pacticipant}/versions/{version}/tags/{tag}`, templated: true },
        },
      });
    }
    if (req.method === 'PUT' && (match = m(/^\/pacts\/provider\/([^/]+)\/consumer\/([^/]+)\/version\/([^/]+)$/))) {
      const [provider, consumer, version] = match.slice(1).map(decodeURIComponent) as [string, string, string];
      pacts.set(`${consumer}/${provider}`, { pact: body as Record<string, unknown>, version });
      return send(201, { _links: { self: { href: `${base}${path}` } } });
    }
    if (req.method === 'PUT' && m(/^\/pacticipants\/[^/]+\/(branches\/[^/]+\/versions|versions\/[^/]+\/tags)\/[^/]+$/)) return send(200, {});
    if (req.method === 'GET' && m(/^\/pacts\/provider\/[^/]+\/for-verification$/)) {
      // Pact's verifier navigates to the resource first, then POSTs to its self link.
      return send(200, { _links: { self: { href: `${base}${path}` } } });
    }
    if (req.method === 'POST' && (match = m(/^\/pacts\/provider\/([^/]+)\/for-verification$/))) {
      const provider = decodeURIComponent(match[1]!);
      const entries = [...pacts.entries()].filter(([key]) => key.endsWith(`/${provider}`));
      return send(200, {
        _embedded: {
          pacts: entries.map(([key]) => ({
            shortDescription: `latest ${key}`,
            verificationProperties: { pending: false, notices: [] },
            _links: {
              self: { href: `${base}/pacts/provider/${encodeURIComponent(provider)}/consumer/${encodeURIComponent(key.split('/')[0]!)}/latest`, name: key },
            },
          })),
        },
      });
    }
    if (req.method === 'GET' && (match = m(/^\/pacts\/provider\/([^/]+)\/consumer\/([^/]+)\/latest$/))) {
      const key = `${decodeURIComponent(match[2]!)}/${decodeURIComponent(match[1]!)}`;
      const stored = pacts.get(key);
      if (!stored) return send(404, {});
      return send(200, {
        ...stored.pact,
        _links: {
          self: { href: `${base}${path}` },
          'pb:provider': { href: `${base}/pacticipants/${match[1]}` },
          'pb:publish-verification-results': { href: `${base}${path}/verification-results` },
        },
      });
    }
    if (req.method === 'GET' && (match = m(/^\/pacticipants\/([^/]+)$/))) {
      const name = match[1]!;
      return send(200, {
        name: decodeURIComponent(name),
        _links: {
          self: { href: `${base}/pacticipants/${name}` },
          'pb:branch-version': { href: `${base}/pacticipants/${name}/branches/{branch}/versions/{version}`, templated: true },
          'pb:version-tag': { href: `${base}/pacticipants/${name}/versions/{version}/tags/{tag}`, templated: true },
        },
      });
    }
    if (req.method === 'POST' && (match = m(/^\/pacts\/provider\/[^/]+\/consumer\/([^/]+)\/latest\/verification-results$/))) {
      const b = body as { success?: boolean; providerApplicationVersion?: string };
      results.push({ consumer: decodeURIComponent(match[1]!), success: b.success === true, providerVersion: b.providerApplicationVersion });
      return send(201, { _links: { self: { href: `${base}${path}/1` } } });
    }
    if (req.method === 'GET' && m(/^\/matrix$/)) {
      const q = new URLSearchParams(path.split('?')[1] ?? '');
      const pacticipant = q.get('q[][pacticipant]') ?? '';
      const mine = results.filter((r) => r.consumer === pacticipant);
      const deployable = mine.length > 0 && mine.every((r) => r.success);
      return send(200, {
        summary: {
          deployable,
          reason: deployable ? 'All required verification results are published and successful' : 'Missing or failed verification results',
        },
        matrix: mine.map((r) => ({
          consumer: { name: r.consumer, version: { number: q.get('q[][version]') } },
          provider: { name: 'provider', version: { number: r.providerVersion } },
          verificationResult: { success: r.success },
        })),
      });
    }
    send(404, { error: `stand-in has no ${req.method} ${path}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: base, requests, pacts, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
