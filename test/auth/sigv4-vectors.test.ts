import { describe, expect, it } from 'vitest';
import { sigv4Signer, type Sigv4Settings } from '../../src/auth/sigv4.ts';
import { canonicalRequest, headerValues, verifySigv4, type Sigv4Realm } from '../../src/emulator/sigv4.ts';

/**
 * Known answers from AWS's Signature Version 4 test suite (aws-sig-v4-test-suite; get-query-plus from the
 * newer aws-signing-test-suite): credentials AKIDEXAMPLE, region us-east-1, service "service", 2015-08-30
 * 12:36:00 UTC. The gate's signer (@smithy/signature-v4) must produce each published signature, and the
 * local gateway's verifier (written apart from it, with node:crypto) must accept it and refuse any change.
 */

const SETTINGS: Sigv4Settings = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
  service: 'service',
};
const SIGNED_AT = Date.UTC(2015, 7, 30, 12, 36, 0);
const ORIGIN = 'https://example.amazonaws.com';
const SESSION_TOKEN =
  'AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==';

interface Vector {
  name: string;
  method: string;
  /** The request target as the suite's request line has it. */
  target: string;
  headers?: Record<string, string>;
  body?: string;
  sessionToken?: string;
  signedHeaders: string;
  signature: string;
}

const VECTORS: Vector[] = [
  {
    name: 'get-vanilla',
    method: 'GET',
    target: '/',
    signedHeaders: 'host;x-amz-date',
    signature: '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
  },
  {
    name: 'get-vanilla-query-order-key-case',
    method: 'GET',
    target: '/?Param2=value2&Param1=value1',
    signedHeaders: 'host;x-amz-date',
    signature: 'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500',
  },
  {
    name: 'get-vanilla-utf8-query',
    method: 'GET',
    target: '/?ሴ=bar',
    signedHeaders: 'host;x-amz-date',
    signature: '2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04',
  },
  {
    name: 'get-query-plus',
    method: 'GET',
    target: '/?c+d',
    signedHeaders: 'host;x-amz-date',
    signature: 'ae684ce3aadc299e3ac7d9216fcc039c7edf40dea57cf5b3005821dd2f176654',
  },
  {
    name: 'get-unreserved',
    method: 'GET',
    target: '/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
    signedHeaders: 'host;x-amz-date',
    signature: '07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f',
  },
  {
    name: 'get-utf8',
    method: 'GET',
    target: '/ሴ',
    signedHeaders: 'host;x-amz-date',
    signature: '8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85',
  },
  {
    name: 'get-header-value-trim',
    method: 'GET',
    target: '/',
    headers: { 'my-header1': 'value1', 'my-header2': '"a   b   c"' },
    signedHeaders: 'host;my-header1;my-header2;x-amz-date',
    signature: 'acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736',
  },
  {
    name: 'post-vanilla',
    method: 'POST',
    target: '/',
    signedHeaders: 'host;x-amz-date',
    signature: '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b',
  },
  {
    name: 'post-x-www-form-urlencoded',
    method: 'POST',
    target: '/',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'Param1=value1',
    signedHeaders: 'content-type;host;x-amz-date',
    signature: 'ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a',
  },
  {
    name: 'post-sts-header-before',
    method: 'POST',
    target: '/',
    sessionToken: SESSION_TOKEN,
    signedHeaders: 'host;x-amz-date;x-amz-security-token',
    signature: '85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead',
  },
];

const authorizationOf = (v: Vector, signature = v.signature): string =>
  `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=${v.signedHeaders}, Signature=${signature}`;

function received(v: Vector, authorization = authorizationOf(v), body = v.body) {
  const q = v.target.indexOf('?');
  const headers: Record<string, string> = {
    Host: 'example.amazonaws.com',
    'X-Amz-Date': '20150830T123600Z',
    ...(v.sessionToken ? { 'X-Amz-Security-Token': v.sessionToken } : {}),
    ...v.headers,
    Authorization: authorization,
  };
  return {
    method: v.method,
    path: q < 0 ? v.target : v.target.slice(0, q),
    rawQuery: q < 0 ? '' : v.target.slice(q + 1),
    rawHeaders: Object.entries(headers).flat(),
    body: Buffer.from(body ?? ''),
  };
}

const realmOf = (v: Vector): Sigv4Realm => ({
  keys: new Map([[SETTINGS.accessKeyId, { ...SETTINGS, sessionToken: v.sessionToken }]]),
  region: 'us-east-1',
  service: 'service',
});

describe('the gate signs like AWS (@smithy/signature-v4 against the published vectors)', () => {
  it.each(VECTORS)('$name', async (v) => {
    const sign = sigv4Signer({ ...SETTINGS, sessionToken: v.sessionToken }, undefined, () => SIGNED_AT);
    const headers = await sign({ method: v.method, origin: ORIGIN, path: v.target, headers: v.headers ?? {}, body: v.body });
    expect(headers.authorization).toBe(authorizationOf(v));
    expect(headers['x-amz-date']).toBe('20150830T123600Z');
    expect(headers.host).toBe('example.amazonaws.com');
    expect(headers['x-amz-security-token']).toBe(v.sessionToken);
  });
});

describe('the local gateway verifies like AWS (its own SigV4 code against the same vectors)', () => {
  it.each(VECTORS)('$name: accepted at the signing time, refused when one byte changes', (v) => {
    expect(verifySigv4(received(v), realmOf(v), SIGNED_AT)).toBeUndefined();
    const flipped = `${v.signature.slice(0, -1)}${v.signature.endsWith('0') ? '1' : '0'}`;
    expect(verifySigv4(received(v, authorizationOf(v, flipped)), realmOf(v), SIGNED_AT)?.error.errorType).toBe('InvalidSignatureException');
    expect(verifySigv4(received(v, authorizationOf(v), `${v.body ?? ''}x`), realmOf(v), SIGNED_AT)?.error.errorType).toBe('InvalidSignatureException');
  });

  it('builds the canonical request of get-vanilla and post-x-www-form-urlencoded byte for byte', () => {
    const vanilla = received(VECTORS[0]!);
    expect(canonicalRequest(vanilla, headerValues(vanilla.rawHeaders), ['host', 'x-amz-date'])).toBe(
      'GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    const form = received(VECTORS.find((v) => v.name === 'post-x-www-form-urlencoded')!);
    expect(canonicalRequest(form, headerValues(form.rawHeaders), ['content-type', 'host', 'x-amz-date'])).toBe(
      'POST\n/\n\ncontent-type:application/x-www-form-urlencoded\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\n9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e',
    );
  });
});
