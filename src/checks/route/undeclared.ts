import { judgeRejection, rejection } from '../expect/rejection.ts';
import { skippedByDesign, type CheckContext, type CheckRunner } from '../context.ts';
import { describeResponse, judge } from '../outcome.ts';
import { sampledFor } from '../../request/build.ts';

/**
 * route.unknown: an undeclared path -> the profile's notFound answer, never a backend. When a root catch-all
 * serves every path, the spec declares them all: nothing to probe, said as a warning.
 */
export const routeUnknown: CheckRunner<'route.unknown'> = async (ctx) => {
  const { method, path, coveredBy } = ctx.check.params;
  if (coveredBy)
    return skippedByDesign(
      'an undeclared path answered by the gateway, never a backend',
      `no path is undeclared: ${coveredBy} serves every path, as the spec declares (route.unknown has nothing to probe)`,
    );
  return probeUndeclared(ctx, method, path, 'notFound', 'an undeclared path');
};

/** route.method: an undeclared method on a declared path -> the profile's methodNotAllowed answer, never a backend. */
export const routeMethod: CheckRunner<'route.method'> = async (ctx) => {
  const { method, path: template } = ctx.check.params;
  const sibling = ctx.model.operations.find((o) => o.path === template);
  const path = sibling ? sampledFor(sibling, ctx.config.seed).path : template;
  return probeUndeclared(ctx, method, path, 'methodNotAllowed', `${method} on a path that does not declare it`);
};

async function probeUndeclared(ctx: CheckContext, method: string, path: string, kind: 'notFound' | 'methodNotAllowed', what: string) {
  const expected = rejection(ctx.profile, [kind]);
  const exchange = await ctx.http.send({ method, path });
  const { problems, warnings } = judgeRejection(ctx.profile, expected, exchange, ctx.stage.oracle);
  return judge(
    `${what} without credentials: ${expected.describe}, never a backend`,
    problems,
    describeResponse(exchange.response),
    [exchange.evidence],
    warnings,
  );
}
