import type { CheckRunner } from '../context.ts';
import { withOperation } from '../operation.ts';
import { describeResponse, is2xx, judge } from '../outcome.ts';
import { buildRequest } from '../../request/build.ts';

/**
 * auth.public-open: an operation with `security: []` answers without credentials: 2xx, or the redirect it
 * documents (an OAuth authorize or logout endpoint answers 302). An undocumented redirect may be a login page.
 */
export const authPublicOpen: CheckRunner = (ctx) =>
  withOperation(ctx, async (op) => {
    const { request } = await buildRequest(ctx.stage, op, ctx.config.seed);
    const exchange = await ctx.http.send(request);
    const status = exchange.response.status;
    const documentedRedirect = status >= 300 && status < 400 && op.responses.some((r) => r.status === String(status) || r.status.toUpperCase() === '3XX');
    const problems = is2xx(status) || documentedRedirect ? [] : ['a public operation refused a request without credentials'];
    return judge('2xx (or a documented redirect) without credentials: the operation is public', problems, describeResponse(exchange.response), [
      exchange.evidence,
    ]);
  });
