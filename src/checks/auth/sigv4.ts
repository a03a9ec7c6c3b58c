import { requiredKinds } from '../../auth/classify.ts';
import { sigv4Signer, STALE_SIGNATURE_MS, type SigningDefect } from '../../auth/sigv4.ts';
import type { Operation } from '../../openapi/model.ts';
import { buildRequest } from '../../request/build.ts';
import { skipped, type CheckContext, type CheckOutcome, type CheckRunner } from '../context.ts';
import { judgeRejection, rejection } from '../expect/rejection.ts';
import { withOperation } from '../operation.ts';
import { describeResponse, judge } from '../outcome.ts';

type SignatureKind = 'auth.bad-signature' | 'auth.expired-token';

const DEFECT_OF: Record<SignatureKind, SigningDefect> = { 'auth.bad-signature': 'forged-signature', 'auth.expired-token': 'stale-date' };

const DESCRIBE: Record<SigningDefect, string> = {
  'forged-signature': "a SigV4 signature made with a wrong secret for the stage's access key",
  'stale-date': `a SigV4 signature dated ${STALE_SIGNATURE_MS / 60_000} minutes ago (AWS allows 5 minutes of skew)`,
};

/**
 * auth.bad-signature and auth.expired-token on IAM (SigV4) routes: the stage's access key with a signature
 * wrong in exactly one way -> the profile's forbidden answer (AWS: 403 InvalidSignatureException), never the backend. Routes secured
 * otherwise keep the JWT runner.
 */
export const signatureOrTokenRunner =
  <K extends SignatureKind>(kind: K, jwtRunner: CheckRunner<K>): CheckRunner<K> =>
  (ctx) =>
    withOperation(ctx, (op) => (requiredKinds(op).includes('iam') ? badSignature(ctx, op, DEFECT_OF[kind]) : jwtRunner(ctx)));

async function badSignature(ctx: CheckContext<SignatureKind>, op: Operation, defect: SigningDefect): Promise<CheckOutcome> {
  const expected = rejection(ctx.profile, ['forbidden']);
  const describe = `${DESCRIBE[defect]}: ${expected.describe}, never the backend`;
  const settings = ctx.stage.credentials.sigv4;
  if (!settings) return skipped(describe, `stage "${ctx.check.stage}" has no credentials.sigv4 to sign with`);
  const { request, missing } = await buildRequest(ctx.stage, op, ctx.config.seed, { replace: { iam: sigv4Signer(settings, defect) } });
  if (missing.length > 0)
    return skipped(describe, `stage "${ctx.check.stage}" lacks valid ${missing.join(', ')} credentials, so a rejection could not be pinned on the signature`);
  const exchange = await ctx.http.send(request);
  const { problems, warnings } = judgeRejection(ctx.profile, expected, exchange, ctx.stage.oracle);
  return judge(describe, problems, describeResponse(exchange.response), [exchange.evidence], warnings);
}
