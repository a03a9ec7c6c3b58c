import { negativeToken, type NegativeToken } from '../../auth/tokens.ts';
import type { JWT_KINDS } from '../../domain/kinds.ts';
import { skipped, type CheckRunner } from '../context.ts';
import { rejection, rejectionProblems } from '../expect/rejection.ts';
import { withOperation } from '../operation.ts';
import { describeResponse, judge } from '../outcome.ts';
import { buildRequest } from '../../request/build.ts';

type JwtKind = (typeof JWT_KINDS)[number];

const TOKEN_OF: Record<JwtKind, NegativeToken> = {
  'auth.malformed-token': 'malformed',
  'auth.expired-token': 'expired',
  'auth.wrong-audience': 'wrong-audience',
  'auth.wrong-issuer': 'wrong-issuer',
  'auth.bad-signature': 'bad-signature',
  'auth.alg-none': 'alg-none',
};

const DEFECT: Record<NegativeToken, string> = {
  malformed: 'a malformed token',
  expired: 'an expired token',
  'wrong-audience': 'a token for another audience',
  'wrong-issuer': 'a token from another issuer',
  'bad-signature': 'a token with a forged signature',
  'alg-none': 'an unsigned (alg none) token',
};

/**
 * The JWT kinds: one token wrong in exactly one way, every other credential of the operation valid, so the
 * rejection can only come from the token -> the profile's unauthenticated answer.
 */
export const negativeTokenRunner =
  (kind: JwtKind): CheckRunner =>
  (ctx) =>
    withOperation(ctx, async (op) => {
      const defect = TOKEN_OF[kind];
      const expected = rejection(ctx.profile, ['unauthenticated']);
      const describe = `${DEFECT[defect]}: ${expected.describe}, never the backend`;
      const jwt = ctx.stage.credentials.jwt;
      if (!jwt) return skipped(describe, `stage "${ctx.check.stage}" has no credentials.jwt to mint tokens from`);
      const token = await negativeToken(jwt, defect);
      if (token === undefined)
        return skipped(
          describe,
          `stage "${ctx.check.stage}" gives a ready token but no signing material (credentials.jwt.secret / privateKey): ${DEFECT[defect]} cannot be minted honestly`,
        );
      const { request, missing } = await buildRequest(ctx.stage, op, ctx.config.seed, { replace: { jwt: `Bearer ${token}` } });
      if (missing.length > 0)
        return skipped(describe, `stage "${ctx.check.stage}" lacks valid ${missing.join(', ')} credentials, so a rejection could not be pinned on the token`);
      const exchange = await ctx.http.send(request);
      return judge(describe, rejectionProblems(expected, exchange.response, ctx.stage.oracle), describeResponse(exchange.response), [exchange.evidence]);
    });
