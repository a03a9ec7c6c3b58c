import { isSecured } from '../../auth/classify.ts';
import { splitBaseURL } from '../../http/client.ts';
import { isExposed } from '../../plan/stage-plan.ts';
import type { Operation } from '../../openapi/model.ts';
import type { Exchange } from '../../http/exchange.ts';
import type { CheckContext, CheckRunner } from '../context.ts';
import { readBackend, reachedBackend } from '../../oracle/backend.ts';
import { withOperation } from '../operation.ts';
import { failed, is2xx, passed } from '../outcome.ts';
import { sampledFor } from '../../request/build.ts';
import { withQuery } from '../../request/sample.ts';
import { matchesTemplate, pathVariants, type PathVariant } from './variants.ts';

const EXPECTED = 'every spelling of the route without credentials is refused (any 4xx) and never reaches the backend';
const BODYLESS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);

/** auth.path-variants: the secured route through odd spellings and rewrite headers, without credentials. */
export const authPathVariants: CheckRunner = (ctx) =>
  withOperation(ctx, async (op) => {
    const sampled = sampledFor(op, ctx.config.seed);
    const publicOps = ctx.model.operations.filter((o) => !isSecured(o) && isExposed(o, ctx.check.stage, ctx.config));
    const publicGet = publicOps.find((o) => o.method === 'GET' && !o.greedy);
    const variants = pathVariants(sampled.method, sampled.path, {
      stagePrefix: splitBaseURL(ctx.http.baseURL).prefix,
      publicPath: publicGet ? sampledFor(publicGet, ctx.config.seed).path : undefined,
    }).filter((v) => !isPublicRoute(v, publicOps));

    const offending: string[] = [];
    const exchanges: { exchange: Exchange; through: boolean }[] = [];
    for (const variant of variants) {
      const exchange = await ctx.http.send({
        method: variant.method,
        path: withQuery(variant.path, sampled.query),
        headers: { ...sampled.headers, ...variant.headers },
        body: BODYLESS.has(variant.method) ? undefined : sampled.body,
        operation: op.key,
      });
      const why = reachedItsOwnRoute(ctx, variant, sampled.method, exchange) ? undefined : getsThrough(ctx, exchange);
      exchanges.push({ exchange, through: why !== undefined });
      if (why) offending.push(`${variant.label} (${variant.method} ${exchange.request.url}) -> ${exchange.response.status}, ${why}`);
    }
    const evidence = [...exchanges.filter((e) => e.through), ...exchanges.filter((e) => !e.through)].map((e) => e.exchange.evidence);
    if (offending.length > 0) return failed(EXPECTED, `${offending.length} of ${variants.length} spellings got through: ${offending.join('; ')}`, evidence);
    return passed(EXPECTED, `${variants.length} spellings refused (${statusTally(exchanges.map((e) => e.exchange))})`, evidence);
  });

function getsThrough(ctx: CheckContext, exchange: Exchange): string | undefined {
  if (reachedBackend(ctx.stage.oracle, exchange.response)) return 'reached the backend';
  if (is2xx(exchange.response.status)) return 'answered 2xx';
  return undefined;
}

/**
 * A variant sent with another method (the method-override carrier) that the backend saw with that method
 * reached the carrier method's route, not this one: if that route is open, its own checks say so.
 */
function reachedItsOwnRoute(ctx: CheckContext, variant: PathVariant, method: string, exchange: Exchange): boolean {
  if (variant.method === method) return false;
  return readBackend(ctx.stage.oracle, exchange.response)?.route?.method === variant.method;
}

/** A variant that is, once normalized, a public route of the API is not a bypass. */
const isPublicRoute = (variant: PathVariant, publicOps: readonly Operation[]): boolean =>
  publicOps.some((p) => (p.method === variant.method || p.method === 'ANY') && matchesTemplate(p.path, variant.path));

function statusTally(exchanges: readonly Exchange[]): string {
  const counts = new Map<number, number>();
  for (const e of exchanges) counts.set(e.response.status, (counts.get(e.response.status) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => a - b)
    .map(([status, n]) => `${status}×${n}`)
    .join(', ');
}
