import { skipped, type CheckRunner } from '../context.ts';
import { routeOracle } from './oracle.ts';
import { withOperation } from '../operation.ts';
import { describeResponse, judge } from '../outcome.ts';
import { buildRequest } from '../../request/build.ts';
import { responseContract } from './response-contract.ts';

/**
 * route.mapped: a valid request from the schemas (seeded) -> a documented status, the documented content
 * type and a schema-valid body; with an oracle, this stage's backend saw the mapped method, path and query.
 */
export const routeMapped: CheckRunner = (ctx) =>
  withOperation(ctx, async (op) => {
    const built = await buildRequest(ctx.stage, op, ctx.config.seed);
    const oracleText = ctx.stage.oracle.type === 'none' || op.integration?.type === 'mock' ? '' : '; the intended backend route (oracle)';
    const base = `a valid request: documented status, content type and schema-valid body${oracleText}`;
    if (built.missing.length > 0) return skipped(base, `stage "${ctx.check.stage}" lacks valid ${built.missing.join(', ')} credentials for this operation`);
    const exchange = await ctx.http.send(built.request);
    const contract = responseContract(op, exchange.response, ctx.model.specVersion);
    const oracle = routeOracle(ctx, op, built, exchange.response);
    const expected = oracle.expected ? `a valid request: documented status, content type and schema-valid body; ${oracle.expected}` : base;
    const actual = [describeResponse(exchange.response), ...contract.notes].join(' — ');
    return judge(expected, [...contract.problems, ...oracle.problems], actual, [exchange.evidence]);
  });
