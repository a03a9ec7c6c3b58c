import type { HttpResponse } from '../../http/client.ts';
import type { Operation } from '../../openapi/model.ts';
import { headerMismatches, mismatches, type Profile } from '../../profiles/profile.ts';
import { skipped, skippedByDesign, type CheckRunner } from '../context.ts';
import { routeOracle } from './oracle.ts';
import { withOperation } from '../operation.ts';
import { describeResponse, judge } from '../outcome.ts';
import { buildRequest } from '../../request/build.ts';
import { responseContract, type ContractFindings } from './response-contract.ts';

/**
 * route.mapped: a valid request from the schemas (seeded) -> a documented status, the documented content
 * type and a schema-valid body; with an oracle, this stage's backend saw the mapped method, path and query.
 * An operation that documents no responses (the spec's warnings say so) is checked for reachability: the
 * integration answered, not the gateway itself and not with a 5xx.
 */
export const routeMapped: CheckRunner = (ctx) =>
  withOperation(ctx, async (op) => {
    const built = await buildRequest(ctx.stage, op, ctx.config.seed);
    const documented = op.responses.length > 0;
    const oracleText = ctx.stage.oracle.type === 'none' || op.integration?.type === 'mock' ? '' : '; the intended backend route (oracle)';
    const answer = documented ? 'documented status, content type and schema-valid body' : 'answered by its integration (no responses documented)';
    const base = `a valid request: ${answer}${oracleText}`;
    if (built.missing.length > 0) {
      const reason = `stage "${ctx.check.stage}" lacks valid ${built.missing.join(', ')} credentials for this operation`;
      // An IAM route without SigV4 signing: a whole route left unproven, so it is also a warning.
      if (built.missing.includes('iam'))
        return skippedByDesign(base, `${reason}: without a SigV4-signed request, whether ${op.key} reaches its integration is not checked`);
      return skipped(base, reason);
    }
    const exchange = await ctx.http.send(built.request);
    const contract = documented
      ? responseContract(op, exchange.response, ctx.model.specVersion, { bodySent: built.request.method !== 'HEAD' })
      : reachability(ctx.profile, op, exchange.response);
    const oracle = routeOracle(ctx, op, built, exchange.response);
    const expected = oracle.expected ? `a valid request: ${answer}; ${oracle.expected}` : base;
    const actual = [describeResponse(exchange.response), ...contract.notes].join(' — ');
    return judge(expected, [...contract.problems, ...oracle.problems], actual, [exchange.evidence], contract.warnings);
  });

/** Without documented responses: the request got through to the integration (no 5xx, not one of the gateway's own rejections). */
function reachability(profile: Profile, op: Pick<Operation, 'key'>, response: Pick<HttpResponse, 'status' | 'headers' | 'body'>): ContractFindings {
  const findings: ContractFindings = { problems: [], notes: [`${op.key} documents no responses: status and body not compared`], warnings: [] };
  if (response.status >= 500) findings.problems.push(`status ${response.status}: the integration did not answer`);
  const rejected = gatewayRejection(profile, response);
  if (rejected) findings.problems.push(`the gateway answered with its own ${rejected} rejection, not the integration`);
  return findings;
}

/** Which of the profile's rejections a response is, when its wording and the gateway's signature say so (a bare status cannot). */
function gatewayRejection(profile: Profile, response: Pick<HttpResponse, 'status' | 'headers' | 'body'>): string | undefined {
  if (headerMismatches(profile.errorSignature, response).length > 0) return undefined;
  return Object.entries(profile.rejections).find(([, e]) => e.body !== undefined && mismatches(e, response).length === 0)?.[0];
}
