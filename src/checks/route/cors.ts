import type { CheckRunner } from '../context.ts';
import { withOperation } from '../operation.ts';
import { describeResponse, judge } from '../outcome.ts';
import { sampledFor } from '../../request/build.ts';

/** An origin no API allows: a preflight from it must not be granted. */
const UNTRUSTED_ORIGIN = 'https://gateproof-untrusted.invalid';

/**
 * route.cors: a CORS preflight from an untrusted origin for a secured route is not granted. A gateway that
 * reflects any origin (or `*` together with credentials) lets every website call the API with its users'
 * cookies or tokens. An answer without CORS headers, or with a fixed allow-list, passes.
 */
export const routeCors: CheckRunner = (ctx) =>
  withOperation(ctx, async (op) => {
    const method = op.method === 'ANY' ? 'GET' : op.method;
    const exchange = await ctx.http.send({
      method: 'OPTIONS',
      path: sampledFor(op, ctx.config.seed).path,
      operation: op.key,
      headers: { origin: UNTRUSTED_ORIGIN, 'access-control-request-method': method, 'access-control-request-headers': 'authorization,x-api-key,content-type' },
    });
    const headers = exchange.response.headers;
    const allowOrigin = headers['access-control-allow-origin'];
    const credentials = headers['access-control-allow-credentials']?.toLowerCase() === 'true';
    const problems: string[] = [];
    if (allowOrigin === UNTRUSTED_ORIGIN) problems.push(`the preflight reflects the untrusted origin${credentials ? ' and allows credentials' : ''}`);
    if (allowOrigin === '*' && credentials) problems.push('the preflight allows any origin (*) with credentials');
    const actual = `${describeResponse(exchange.response, 40)}${allowOrigin ? `, access-control-allow-origin: ${allowOrigin}` : ', no access-control-allow-origin'}${credentials ? ', credentials allowed' : ''}`;
    return judge(`a preflight from ${UNTRUSTED_ORIGIN} is not granted (no reflected origin, no * with credentials)`, problems, actual, [exchange.evidence]);
  });
