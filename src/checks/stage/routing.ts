import { skipped, type CheckRunner } from '../context.ts';
import { expectedBackend, oracleSource } from '../../oracle/backend.ts';
import { withOperation } from '../operation.ts';
import { describeResponse, judge } from '../outcome.ts';
import { buildRequest } from '../../request/build.ts';
import { routeOracle } from '../route/oracle.ts';

/**
 * stage.routing: a valid request on this stage is answered by this stage's backend (oracle identity), which
 * received the mapped method, path and query where the oracle shows them.
 */
export const stageRouting: CheckRunner<'stage.routing'> = (ctx) =>
  withOperation(ctx, async (op) => {
    const oracle = ctx.stage.oracle;
    const identity = `answered by backend "${expectedBackend(oracle, ctx.check.stage)}" (${oracleSource(oracle)})`;
    if (oracle.type === 'none') return skipped(identity, `stage "${ctx.check.stage}" has no oracle (oracle.type none)`);
    const built = await buildRequest(ctx.stage, op, ctx.config.seed);
    if (built.missing.length > 0) return skipped(identity, `stage "${ctx.check.stage}" lacks valid ${built.missing.join(', ')} credentials for ${op.key}`);
    const exchange = await ctx.http.send(built.request);
    const findings = routeOracle(ctx, op, built, exchange.response);
    return judge(findings.expected ? `answered by ${findings.expected}` : identity, findings.problems, describeResponse(exchange.response, 40), [
      exchange.evidence,
    ]);
  });
