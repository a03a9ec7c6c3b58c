import { describe, expect, it } from 'vitest';
import type { CheckContext } from '../../src/checks/context.ts';
import { failed } from '../../src/checks/outcome.ts';
import { executeCheck } from '../../src/engine/execute.ts';
import { excerpt } from '../../src/http/evidence.ts';
import { createStageHttp } from '../../src/http/stage-http.ts';
import type { Check } from '../../src/domain/check.ts';
import { registerSecret } from '../../src/secrets/redact.ts';

const check = (over: Partial<Check> = {}): Check =>
  ({
    id: 'dev:auth.missing:GET /pets',
    kind: 'auth.missing',
    family: 'auth',
    stage: 'dev',
    target: 'GET /pets',
    operation: 'GET /pets',
    title: '[dev] GET /pets › auth.missing',
    serial: false,
    params: {},
    ...over,
  }) as Check;

// Port 9 (discard) is closed on the test machine: a real connection refusal, no mocked fetch.
const http = createStageHttp({
  stage: 'dev',
  baseURL: 'http://127.0.0.1:9/dev',
  pacing: { stage: { rate: 100, burst: 10 }, operations: {} },
  credentialHeaders: ['x-partner-token'],
});
const ctx = { http, stage: { protected: false } } as unknown as CheckContext;
const protectedCtx = { http, stage: { protected: true } } as unknown as CheckContext;

describe('executeCheck', () => {
  it('fails a check whose request got no answer, with the request and the transport error as evidence', async () => {
    registerSecret('super-secret-key-123');
    const result = await executeCheck(
      check(),
      ctx,
      async (c) =>
        failed('x', 'y', [
          (await c.http.send({ method: 'GET', path: '/pets', headers: { 'x-api-key': 'super-secret-key-123', 'x-partner-token': 'tok' } })).evidence,
        ]),
      { allowProtected: false },
    );
    expect(result.status).toBe('failed');
    expect(result.actual).toMatch(/^no response: ECONNREFUSED/);
    expect(result.evidence[0]).toMatchObject({
      request: 'GET http://127.0.0.1:9/dev/pets',
      requestHeaders: { 'x-api-key': '[REDACTED]', 'x-partner-token': '[REDACTED]' },
    });
    expect(result.evidence[0]!.note).toMatch(/ECONNREFUSED/);
    expect(JSON.stringify(result)).not.toContain('super-secret-key-123');
  });

  it('fails (never passes) a check whose runner throws', async () => {
    const result = await executeCheck(check(), ctx, async () => Promise.reject(new Error('bug')), { allowProtected: false });
    expect(result).toMatchObject({ status: 'failed', actual: 'internal error in the auth.missing check: bug' });
  });

  it('skips throttle checks on a protected stage unless allowed, and kinds without a runner', async () => {
    const throttle = check({
      kind: 'throttle.burst',
      family: 'throttle',
      serial: true,
      params: { limits: { rate: 10, burst: 5, scope: 'stage' }, budget: { requests: 50, seconds: 3 } },
    });
    const ran = async () => failed('ran', 'ran', []);
    expect(await executeCheck(throttle, protectedCtx, ran, { allowProtected: false })).toMatchObject({
      status: 'skipped',
      actual: 'protected stage: pass --allow-protected',
    });
    expect(await executeCheck(throttle, protectedCtx, ran, { allowProtected: true })).toMatchObject({ status: 'failed', actual: 'ran' });
    expect(await executeCheck(check(), ctx, undefined, { allowProtected: false })).toMatchObject({ status: 'skipped' });
  });
});

describe('evidence excerpt', () => {
  it('keeps at most 2 KB of a body', () => {
    expect(excerpt('x'.repeat(5000))).toHaveLength(2049);
    expect(excerpt('short')).toBe('short');
    expect(Buffer.byteLength(excerpt('é'.repeat(3000)))).toBeLessThanOrEqual(2048 + 3);
  });
});
