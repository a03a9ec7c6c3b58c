import { isSecured } from '../../auth/classify.ts';
import { UNKNOWN_ROUTE } from '../../plan/route.ts';
import { mismatches, type Profile } from '../../profiles/profile.ts';
import type { Exchange } from '../../http/exchange.ts';
import type { CheckRunner } from '../context.ts';
import { withOperation } from '../operation.ts';
import { describeResponse, is2xx, judge } from '../outcome.ts';
import { buildRequest, withoutCredentials } from '../../request/build.ts';

/**
 * route.attribution: a gateway-generated error (the operation's own rejection without credentials, or an
 * unknown route next to a public operation) carries the profile's error signature, and neither it nor a
 * successful answer carries the backend's identity headers (Server, X-Powered-By).
 */
export const routeAttribution: CheckRunner = (ctx) =>
  withOperation(ctx, async (op) => {
    const signature = Object.keys(ctx.profile.errorSignature);
    const expected = `gateway errors carry ${signature.join(', ') || 'no particular headers'}; no response carries ${ctx.profile.leakHeaders.join(', ')}`;
    const errorRequest = isSecured(op) ? (await withoutCredentials(ctx.stage, op, ctx.config.seed)).request : UNKNOWN_ROUTE;
    const gatewayError = await ctx.http.send(errorRequest);
    const valid = await buildRequest(ctx.stage, op, ctx.config.seed);
    const success = await ctx.http.send(valid.request);

    const problems: string[] = [];
    const notes: string[] = [];
    if (is2xx(gatewayError.response.status)) notes.push(`no gateway error to inspect (${describeResponse(gatewayError.response, 40)})`);
    else problems.push(...signatureProblems(ctx.profile, gatewayError).map((p) => `gateway error: ${p}`));
    for (const exchange of [gatewayError, success]) {
      const leaked = leakedHeaders(ctx.profile, exchange);
      if (leaked.length > 0) problems.push(`${exchange.response.status} answer leaks ${leaked.map((h) => `${h}: ${exchange.response.headers[h]}`).join(', ')}`);
    }
    const actual = [`error ${describeResponse(gatewayError.response, 60)}`, `success ${describeResponse(success.response, 40)}`, ...notes].join(' — ');
    return judge(expected, problems, actual, [gatewayError.evidence, success.evidence]);
  });

function signatureProblems(profile: Profile, exchange: Exchange): string[] {
  return mismatches({ statuses: [exchange.response.status], headers: profile.errorSignature }, exchange.response);
}

/** Backend identity headers present on a response (x-amzn-Remapped-Server and the like are fine). */
export const leakedHeaders = (profile: Profile, exchange: Exchange): string[] =>
  profile.leakHeaders.filter((h) => exchange.response.headers[h.toLowerCase()] !== undefined);
