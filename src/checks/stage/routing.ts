import { skipped, type CheckRunner } from '../context.ts';
import { compareBackend } from '../../oracle/compare.ts';
import { expectedBackend, oracleSource, readBackend } from '../../oracle/backend.ts';
import { withOperation } from '../operation.ts';
import { describeResponse, judge } from '../outcome.ts';
import { buildRequest } from '../../request/build.ts';

/** stage.routing: a valid request on this stage is answered by this stage's backend (oracle identity). */
export const stageRouting: CheckRunner = (ctx) =>
  withOperation(ctx, async (op) => {
    const oracle = ctx.stage.oracle;
    const backend = expectedBackend(oracle, ctx.check.stage);
    const expected = `answered by backend "${backend}" (${oracleSource(oracle)})`;
    if (oracle.type === 'none') return skipped(expected, `stage "${ctx.check.stage}" has no oracle (oracle.type none)`);
    const built = await buildRequest(ctx.stage, op, ctx.config.seed);
    if (built.missing.length > 0) return skipped(expected, `stage "${ctx.check.stage}" lacks valid ${built.missing.join(', ')} credentials for ${op.key}`);
    const exchange = await ctx.http.send(built.request);
    const problems = compareBackend(backend, readBackend(oracle, exchange.response), oracleSource(oracle));
    return judge(expected, problems, describeResponse(exchange.response, 40), [exchange.evidence]);
  });
