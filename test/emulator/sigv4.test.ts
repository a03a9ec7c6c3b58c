import { createHash, createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sigv4Signer, type SigningDefect, type Sigv4Settings } from '../../src/auth/sigv4.ts';
import type { LocalGateway } from '../../src/emulator/index.ts';
import { echoOf, exampleGateway, request, type Example } from './helpers.ts';

/**
 * AWS_IAM on the local gateway (examples: PUT /inventory/{sku}, security sigv4): the signature is verified
 * against the stage's credentials.sigv4, and every refusal is AWS's answer byte for byte (status, body,
 * x-amzn-ErrorType; shared/reference/aws-api-gateway.md and AWS's observed messages).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PATH = '/dev/inventory/ABC-1234';
const BODY = '{"quantity":12,"warehouse":"north"}';
let gw: LocalGateway & Example;
let dev: Sigv4Settings;
let prod: Sigv4Settings;

beforeAll(async () => {
  gw = await exampleGateway();
  dev = gw.config.stages.dev!.credentials.sigv4!;
  prod = gw.config.stages.prod!.credentials.sigv4!;
});
afterAll(() => gw.close());

/** The request's headers signed (by the gate's signer) as `settings` would, possibly with one defect. */
async function signed(
  settings: Sigv4Settings,
  options: { path?: string; body?: string; defect?: SigningDefect; now?: number } = {},
): Promise<Record<string, string>> {
  const sign = sigv4Signer(settings, options.defect, () => options.now ?? Date.now());
  return sign({ method: 'PUT', origin: gw.url, path: options.path ?? PATH, headers: { 'content-type': 'application/json' }, body: options.body ?? BODY });
}

const put = (headers: Record<string, string>, body = BODY, path = PATH) => request(gw, 'PUT', path, headers, body);

function expectRefusal(r: { status: number; body: string; headers: Record<string, string> }, body: string | RegExp, errorType: string): void {
  expect(r.status).toBe(403);
  if (typeof body === 'string') {
    expect(r.body).toBe(body);
    expect(r.headers['content-length']).toBe(String(Buffer.byteLength(body)));
  } else expect(r.body).toMatch(body);
  expect(r.headers['content-type']).toBe('application/json');
  expect(r.headers['x-amzn-errortype']).toBe(errorType);
  expect(r.headers['x-amzn-requestid']).toMatch(UUID);
  expect(echoOf(r as never)).toBeUndefined();
}

describe('AWS_IAM (SigV4) answers of the local gateway', () => {
  it('a request signed with the stage credentials reaches the backend, body and path intact', async () => {
    const r = await put(await signed(dev));
    expect(r.status).toBe(200);
    expect(echoOf(r)).toMatchObject({ backend: 'dev', method: 'PUT', path: '/inventory/ABC-1234' });
  });

  it('no Authorization header: 403 Missing Authentication Token (42 bytes)', async () => {
    expectRefusal(await put({ 'content-type': 'application/json' }), '{"message":"Missing Authentication Token"}', 'MissingAuthenticationTokenException');
  });

  it('an Authorization header that is not key=value pairs (a Bearer token): IncompleteSignatureException, the value hashed', async () => {
    const authorization = 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig';
    const hashed = createHash('sha256').update(authorization).digest('base64');
    expectRefusal(
      await put({ authorization }),
      `{"message":"Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): '${hashed}'."}`,
      'IncompleteSignatureException',
    );
  });

  it('AWS4-HMAC-SHA256 without SignedHeaders and Signature, or without a date: IncompleteSignatureException naming what is missing', async () => {
    const headers = await signed(dev);
    const partial = `AWS4-HMAC-SHA256 Credential=${dev.accessKeyId}/20260101/eu-west-1/execute-api/aws4_request`;
    expectRefusal(
      await put({ ...headers, authorization: partial }),
      `{"message":"Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter."}`,
      'IncompleteSignatureException',
    );
    const { 'x-amz-date': _date, ...undated } = headers;
    expectRefusal(
      await put(undated),
      `{"message":"Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."}`,
      'IncompleteSignatureException',
    );
  });

  it('a signature made with another secret: InvalidSignatureException with the canonical string and string to sign AWS would show', async () => {
    const headers = await signed(dev, { defect: 'forged-signature' });
    const r = await put(headers);
    const amzDate = headers['x-amz-date']!;
    const host = new URL(gw.url).host;
    const canonical = `PUT\n${PATH}\n\ncontent-type:application/json\nhost:${host}\nx-amz-date:${amzDate}\n\ncontent-type;host;x-amz-date\n${sha256(BODY)}`;
    const scope = `${amzDate.slice(0, 8)}/eu-west-1/execute-api/aws4_request`;
    const toSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha256(canonical)}`;
    const message =
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.' +
      `\n\nThe Canonical String for this request should have been\n'${canonical}'\n\nThe String-to-Sign should have been\n'${toSign}'\n`;
    expectRefusal(r, JSON.stringify({ message }), 'InvalidSignatureException');
    // The canonical string is the one the right secret signs: the gateway recomputes, it does not guess.
    const key = [amzDate.slice(0, 8), 'eu-west-1', 'execute-api', 'aws4_request'].reduce<Buffer | string>(
      (k, part) => hmac(k, part),
      `AWS4${dev.secretAccessKey}`,
    );
    expect((await signed(dev, { now: parseAmzDate(amzDate) })).authorization).toContain(`Signature=${createHmac('sha256', key).update(toSign).digest('hex')}`);
  });

  it('a body or path changed after signing: InvalidSignatureException', async () => {
    const headers = await signed(dev);
    expectRefusal(
      await put(headers, '{"quantity":13,"warehouse":"north"}'),
      /^\{"message":"The request signature we calculated does not match/,
      'InvalidSignatureException',
    );
    expectRefusal(
      await put(headers, BODY, '/dev/inventory/ABC-9999'),
      /^\{"message":"The request signature we calculated does not match/,
      'InvalidSignatureException',
    );
  });

  it('a signature dated 20 minutes ago: Signature expired, with the dates AWS names', async () => {
    const headers = await signed(dev, { defect: 'stale-date' });
    const r = await put(headers);
    const m = /^\{"message":"Signature expired: (\d{8}T\d{6}Z) is now earlier than (\d{8}T\d{6}Z) \((\d{8}T\d{6}Z) - 5 min\.\)"\}$/.exec(r.body);
    expect(m, r.body).not.toBeNull();
    expect(m![1]).toBe(headers['x-amz-date']);
    expect(parseAmzDate(m![3]!) - parseAmzDate(m![2]!)).toBe(5 * 60_000);
    expect(Math.abs(parseAmzDate(m![3]!) - Date.now())).toBeLessThan(60_000);
    expectRefusal(r, r.body, 'InvalidSignatureException');
  });

  it('a signature dated 20 minutes ahead: Signature not yet current', async () => {
    const r = await put(await signed(dev, { now: Date.now() + 20 * 60_000 }));
    expectRefusal(
      r,
      /^\{"message":"Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 5 min\.\)"\}$/,
      'InvalidSignatureException',
    );
  });

  it("another stage's access key, or a wrong session token: UnrecognizedClientException", async () => {
    const invalidToken = '{"message":"The security token included in the request is invalid."}';
    expectRefusal(await put(await signed(prod)), invalidToken, 'UnrecognizedClientException');
    const prodPath = '/prod/inventory/ABC-1234';
    expect((await put(await signed(prod, { path: prodPath }), BODY, prodPath)).status).toBe(200);
    const { sessionToken: _token, ...withoutToken } = prod;
    expectRefusal(await put(await signed(withoutToken, { path: prodPath }), BODY, prodPath), invalidToken, 'UnrecognizedClientException');
    expectRefusal(
      await put(await signed({ ...prod, sessionToken: 'not-the-session-token' }, { path: prodPath }), BODY, prodPath),
      invalidToken,
      'UnrecognizedClientException',
    );
  });

  it('a credential scoped to another region or service: InvalidSignatureException saying which', async () => {
    expectRefusal(
      await put(await signed({ ...dev, region: 'us-east-1' })),
      `{"message":"Credential should be scoped to a valid region, not 'us-east-1'. "}`,
      'InvalidSignatureException',
    );
    expectRefusal(
      await put(await signed({ ...dev, service: 'lambda' })),
      `{"message":"Credential should be scoped to correct service: 'execute-api'. "}`,
      'InvalidSignatureException',
    );
  });
});

describe('fault sigv4-any', () => {
  let faulty: (LocalGateway & Example) | undefined;
  afterEach(async () => {
    await faulty?.close();
    faulty = undefined;
  });

  it("accepts any AWS4-HMAC-SHA256 header (forged, stale, another stage's) but still refuses a request without one", async () => {
    faulty = await exampleGateway(['sigv4-any']);
    const origin = faulty.url;
    const sign = (settings: Sigv4Settings, defect?: SigningDefect) =>
      sigv4Signer(settings, defect)({ method: 'PUT', origin, path: PATH, headers: { 'content-type': 'application/json' }, body: BODY });
    for (const headers of [await sign(dev, 'forged-signature'), await sign(dev, 'stale-date'), await sign(prod)]) {
      const r = await request(faulty, 'PUT', PATH, headers, BODY);
      expect(r.status).toBe(200);
      expect(echoOf(r)?.backend).toBe('dev');
    }
    const unsigned = await request(faulty, 'PUT', PATH, { 'content-type': 'application/json' }, BODY);
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers['x-amzn-errortype']).toBe('MissingAuthenticationTokenException');
  });
});

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();
const parseAmzDate = (d: string): number =>
  Date.parse(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${d.slice(9, 11)}:${d.slice(11, 13)}:${d.slice(13, 15)}Z`);
