import { mismatches } from '../../profiles/profile.ts';
import type { CheckRunner } from '../context.ts';
import { rejection, rejectionProblems } from '../expect/rejection.ts';
import { withOperation } from '../operation.ts';
import { describeResponse, judge } from '../outcome.ts';
import { buildRequest, withoutCredentials } from '../../request/build.ts';

/**
 * stage.exposure: an operation configured for some stages only. Where it should exist, a valid request is
 * answered by the route (not the notFound signature). Where it should not, a request without credentials
 * gets the profile's notFound answer: AWS answers an unknown path so only without an Authorization header.
 */
export const stageExposure: CheckRunner<'stage.exposure'> = (ctx) =>
  withOperation(ctx, async (op) => {
    const notFound = rejection(ctx.profile, ['notFound']);
    if (ctx.check.params.expectPresent) {
      const { request } = await buildRequest(ctx.stage, op, ctx.config.seed);
      const exchange = await ctx.http.send(request);
      const problems =
        mismatches(ctx.profile.rejections.notFound, exchange.response).length === 0 ? [`the operation is missing on ${ctx.check.stage} (notFound answer)`] : [];
      return judge(`${op.key} is deployed on ${ctx.check.stage}: not the ${notFound.describe}`, problems, describeResponse(exchange.response), [
        exchange.evidence,
      ]);
    }
    const { request } = await withoutCredentials(ctx.stage, op, ctx.config.seed);
    const exchange = await ctx.http.send(request);
    return judge(
      `${op.key} is not deployed on ${ctx.check.stage}: ${notFound.describe}, never a backend`,
      rejectionProblems(notFound, exchange.response, ctx.stage.oracle),
      describeResponse(exchange.response),
      [exchange.evidence],
    );
  });
