import { requiredKinds } from '../../auth/classify.ts';
import type { CheckRunner } from '../context.ts';
import { credentialRejection, judgeRejection } from '../expect/rejection.ts';
import { withOperation } from '../operation.ts';
import { describeResponse, judge } from '../outcome.ts';
import { withoutCredentials } from '../../request/build.ts';

/** auth.missing: no credentials at all -> the rejection of the operation's credential kinds, never 2xx. */
export const authMissing: CheckRunner = (ctx) =>
  withOperation(ctx, async (op) => {
    const expected = credentialRejection(ctx.profile, requiredKinds(op));
    const { request } = await withoutCredentials(ctx.stage, op, ctx.config.seed);
    const exchange = await ctx.http.send(request);
    const { problems, warnings } = judgeRejection(ctx.profile, expected, exchange, ctx.stage.oracle);
    return judge(
      `without credentials: ${expected.describe}, never 2xx, never the backend`,
      problems,
      describeResponse(exchange.response),
      [exchange.evidence],
      warnings,
    );
  });
