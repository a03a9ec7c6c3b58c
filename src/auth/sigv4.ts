import { SignatureV4 } from '@smithy/signature-v4';
import { createHash, createHmac, randomBytes, type Hash, type Hmac } from 'node:crypto';
import type { StageConfig } from '../config/load.ts';
import type { RequestSigner } from '../domain/signing.ts';
import { registerSecret } from '../secrets/redact.ts';

/**
 * SigV4 (AWS_IAM) signing for the gate, with AWS's own signer (@smithy/signature-v4, the one the AWS SDKs
 * use). A signature covers the method, the exact path and query, the host and the body, so it is made
 * where the request is sent: the gate passes a `RequestSigner` along with the request (domain/signing.ts).
 */

export type Sigv4Settings = NonNullable<StageConfig['credentials']['sigv4']>;

/** A signature wrong in exactly one way: made with a secret that is not the key's, or dated outside AWS's 5-minute skew. */
export type SigningDefect = 'forged-signature' | 'stale-date';

/** How old a stale signature is: AWS refuses anything more than 5 minutes off its clock. */
export const STALE_SIGNATURE_MS = 20 * 60_000;

const signers = new WeakMap<Sigv4Settings, RequestSigner>();

/** The stage's own signer (undefined when the stage config has no credentials.sigv4). */
export function stageSigner(stage: StageConfig): RequestSigner | undefined {
  const settings = stage.credentials.sigv4;
  if (!settings) return undefined;
  let signer = signers.get(settings);
  if (!signer) signers.set(settings, (signer = sigv4Signer(settings)));
  return signer;
}

/** A signer with these credentials (or with one defect). Registers every credential value as a secret. */
export function sigv4Signer(settings: Sigv4Settings, defect?: SigningDefect, now: () => number = Date.now): RequestSigner {
  for (const value of [settings.accessKeyId, settings.secretAccessKey, settings.sessionToken]) registerSecret(value);
  const secretAccessKey = defect === 'forged-signature' ? randomBytes(30).toString('base64') : settings.secretAccessKey;
  const signer = new SignatureV4({
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey, ...(settings.sessionToken ? { sessionToken: settings.sessionToken } : {}) },
    region: settings.region,
    service: settings.service,
    sha256: NodeSha256,
    uriEscapePath: true,
    // execute-api hashes the body itself; x-amz-content-sha256 is S3's.
    applyChecksum: false,
  });
  return async (request) => {
    const url = new URL(request.origin);
    const q = request.path.indexOf('?');
    const signed = await signer.sign(
      {
        method: request.method,
        protocol: url.protocol,
        hostname: url.hostname,
        ...(url.port ? { port: Number(url.port) } : {}),
        path: q < 0 ? request.path : request.path.slice(0, q),
        query: q < 0 ? {} : parseQuery(request.path.slice(q + 1)),
        headers: { ...lowerCased(request.headers), host: url.host },
        ...(request.body !== undefined ? { body: request.body } : {}),
      },
      { signingDate: new Date(now() - (defect === 'stale-date' ? STALE_SIGNATURE_MS : 0)) },
    );
    return signed.headers;
  };
}

/**
 * The query as AWS reads it for the canonical request: pairs split on & and =, each side percent-decoded,
 * `+` kept as a plus (AWS signing test suite, get-query-plus).
 */
function parseQuery(raw: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
    const seen = out[key];
    out[key] = seen === undefined ? value : [seen, value].flat();
  }
  return out;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const lowerCased = (headers: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));

type Data = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: Data): Buffer =>
  typeof data === 'string'
    ? Buffer.from(data, 'utf8')
    : ArrayBuffer.isView(data)
      ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
      : Buffer.from(data);

/** The signer's hash (SHA-256, or HMAC-SHA256 given a secret) from node:crypto. */
class NodeSha256 {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: Data) {
    this.hash = this.fresh();
  }
  update(data: Data): void {
    this.hash.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset(): void {
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(this.secret));
  }
}
