import type { CheckRunner } from '../context.ts';
import { withOperation } from '../operation.ts';
import { describeResponse, is2xx, judge } from '../outcome.ts';
import { buildRequest } from '../../request/build.ts';

/** auth.public-open: an operation with `security: []` answers 2xx without credentials. */
export const authPublicOpen: CheckRunner = (ctx) =>
  withOperation(ctx, async (op) => {
    const { request } = await buildRequest(ctx.stage, op, ctx.config.seed);
    const exchange = await ctx.http.send(request);
    const problems = is2xx(exchange.response.status) ? [] : ['a public operation refused a request without credentials'];
    return judge('2xx without credentials (the operation is public)', problems, describeResponse(exchange.response), [exchange.evidence]);
  });
