import { rejection, rejectionProblems } from '../expect/rejection.ts';
import type { CheckContext, CheckRunner } from '../context.ts';
import { describeResponse, judge } from '../outcome.ts';
import { sampledFor } from '../../request/build.ts';

/** route.unknown: an undeclared path -> the profile's notFound answer, never a backend. */
export const routeUnknown: CheckRunner<'route.unknown'> = async (ctx) =>
  probeUndeclared(ctx, ctx.check.params.method, ctx.check.params.path, 'notFound', 'an undeclared path');

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
  return judge(
    `${what} without credentials: ${expected.describe}, never a backend`,
    rejectionProblems(expected, exchange.response, ctx.stage.oracle),
    describeResponse(exchange.response),
    [exchange.evidence],
  );
}
