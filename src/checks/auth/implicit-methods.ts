import type { Exchange } from '../../http/exchange.ts';
import { reachedBackend } from '../../oracle/backend.ts';
import { sampledFor } from '../../request/build.ts';
import { withQuery } from '../../request/sample.ts';
import type { CheckContext, CheckRunner } from '../context.ts';
import { withOperation } from '../operation.ts';
import { failed, is2xx, passed } from '../outcome.ts';

const EXPECTED = 'methods the route does not declare (HEAD, OPTIONS without preflight headers, ...) without credentials: never 2xx, never the backend';

/**
 * auth.implicit-methods: the secured route's path with the methods a gateway may route implicitly, without
 * credentials and without CORS preflight headers. None may reach a backend or answer 2xx; the one exception
 * is OPTIONS answered by the gateway itself (a 2xx without a body and without the backend: CORS handling).
 * HEAD answers have no body, so only status and oracle headers are judged.
 */
export const authImplicitMethods: CheckRunner<'auth.implicit-methods'> = (ctx) =>
  withOperation(ctx, async (op) => {
    const sampled = sampledFor(op, ctx.config.seed);
    const { 'content-type': _contentType, ...headers } = sampled.headers;
    const offending: string[] = [];
    const notes: string[] = [];
    const exchanges: { exchange: Exchange; why?: string }[] = [];
    for (const method of ctx.check.params.methods) {
      const exchange = await ctx.http.send({ method, path: withQuery(sampled.path, sampled.query), headers, operation: op.key });
      const why = getsThrough(ctx, exchange);
      exchanges.push({ exchange, why });
      if (why) offending.push(`${method} ${exchange.request.url} -> ${exchange.response.status}, ${why}`);
      else if (is2xx(exchange.response.status)) notes.push(`${method} answered ${exchange.response.status} by the gateway itself (no body, no backend)`);
    }
    const evidence = [...exchanges.filter((e) => e.why), ...exchanges.filter((e) => !e.why)].map((e) => e.exchange.evidence);
    if (offending.length > 0) return failed(EXPECTED, `${offending.length} of ${exchanges.length} methods got through: ${offending.join('; ')}`, evidence);
    const tally = exchanges.map((e) => `${e.exchange.request.method} ${e.exchange.response.status}`).join(', ');
    return passed(EXPECTED, [tally, ...notes].join('; '), evidence);
  });

/** Why an answer lets an unauthenticated request through; undefined when the gateway kept it out. */
function getsThrough(ctx: CheckContext, exchange: Exchange): string | undefined {
  const { response } = exchange;
  if (reachedBackend(ctx.stage.oracle, response)) return 'reached the backend';
  if (!is2xx(response.status)) return undefined;
  if (exchange.request.method === 'OPTIONS' && response.body.trim() === '') return undefined;
  return 'answered 2xx';
}
