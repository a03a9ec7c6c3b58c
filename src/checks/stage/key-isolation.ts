import { requiredKinds } from '../../auth/classify.ts';
import { credentialValue, type CredentialReplacements } from '../../auth/credentials.ts';
import { stageSigner } from '../../auth/sigv4.ts';
import { validToken, type JwtSettings } from '../../auth/tokens.ts';
import type { StageConfig } from '../../config/load.ts';
import type { CredentialKind, Operation } from '../../openapi/model.ts';
import { skipped, withWarnings, type CheckContext, type CheckRunner } from '../context.ts';
import { credentialRejection, judgeRejection } from '../expect/rejection.ts';
import { withOperation } from '../operation.ts';
import { describeResponse, failed, passed } from '../outcome.ts';
import { buildRequest } from '../../request/build.ts';

interface ForeignCredential {
  label: string;
  kind: CredentialKind;
  replace: CredentialReplacements;
}

/**
 * stage.key-isolation: each other stage's real credentials (its API key; a JWT minted with its settings when
 * they differ from this stage's; requests signed with its SigV4 access key when it is not this stage's) are refused here, with this stage's other credentials valid. Every stage
 * has this check, so both directions are covered.
 */
export const stageKeyIsolation: CheckRunner<'stage.key-isolation'> = (ctx) =>
  withOperation(ctx, async (op) => {
    const others = ctx.check.params.otherStages;
    const foreign = (await Promise.all(others.map((name) => foreignCredentials(ctx, op, name)))).flat();
    const expectedText = `credentials of ${others.join(', ')} are refused on ${ctx.check.stage}`;
    if (foreign.length === 0)
      return skipped(
        expectedText,
        `the other stages supply no API key for this operation and share this stage's JWT settings and SigV4 access key: nothing stage-specific to present`,
      );

    const findings: string[] = [];
    const refused: string[] = [];
    const warnings: string[] = [];
    const evidence = [];
    for (const credential of foreign) {
      const { request, missing } = await buildRequest(ctx.stage, op, ctx.config.seed, { replace: credential.replace });
      if (missing.length > 0)
        return skipped(
          expectedText,
          `stage "${ctx.check.stage}" lacks valid ${missing.join(', ')} credentials, so a rejection could not be pinned on the foreign credential`,
        );
      const exchange = await ctx.http.send(request);
      evidence.push(exchange.evidence);
      const judged = judgeRejection(ctx.profile, credentialRejection(ctx.profile, [credential.kind]), exchange, ctx.stage.oracle);
      warnings.push(...judged.warnings.map((w) => `${credential.label}: ${w}`));
      const problems = judged.problems;
      if (problems.length > 0) findings.push(`${credential.label} -> ${describeResponse(exchange.response, 40)}: ${problems.join(', ')}`);
      else refused.push(`${credential.label} -> ${exchange.response.status}`);
    }
    return withWarnings(
      findings.length > 0 ? failed(expectedText, findings.join('; '), evidence) : passed(expectedText, refused.join('; '), evidence),
      warnings,
    );
  });

async function foreignCredentials(ctx: CheckContext, op: Operation, other: string): Promise<ForeignCredential[]> {
  const theirs = ctx.config.stages[other];
  if (!theirs) return [];
  const kinds = requiredKinds(op);
  const out: ForeignCredential[] = [];
  if (kinds.includes('apiKey')) {
    const key = await credentialValue('apiKey', theirs);
    const mine = await credentialValue('apiKey', ctx.stage);
    if (key)
      out.push({
        label: key === mine ? `${other}'s API key (the same value as ${ctx.check.stage}'s!)` : `${other}'s API key`,
        kind: 'apiKey',
        replace: { apiKey: key },
      });
  }
  const jwt = theirs.credentials.jwt;
  if (kinds.includes('jwt') && jwt && jwtDiffers(jwt, ctx.stage))
    out.push({ label: `a JWT minted with ${other}'s settings`, kind: 'jwt', replace: { jwt: `Bearer ${await validToken(jwt)}` } });
  const bearer = theirs.credentials.bearer?.token;
  if (kinds.includes('jwt') && !jwt && bearer !== undefined) {
    const same = bearer === ctx.stage.credentials.bearer?.token;
    out.push({
      label: same ? `${other}'s bearer token (the same value as ${ctx.check.stage}'s!)` : `${other}'s bearer token`,
      kind: 'jwt',
      replace: { jwt: `Bearer ${bearer}` },
    });
  }
  // One IAM principal on several stages is meant to work on each; only a stage-specific access key is foreign.
  const signer = stageSigner(theirs);
  if (kinds.includes('iam') && signer && theirs.credentials.sigv4?.accessKeyId !== ctx.stage.credentials.sigv4?.accessKeyId) {
    out.push({ label: `a request signed with ${other}'s SigV4 access key`, kind: 'iam', replace: { iam: signer } });
  }
  return out;
}

/** Tokens of one stage are meant to work on another when both trust the same issuer, audience and key. */
function jwtDiffers(theirs: JwtSettings, stage: StageConfig): boolean {
  const mine = stage.credentials.jwt;
  if (!mine) return true;
  const audience = (a: string | string[]): string => [a].flat().sort().join(',');
  return (
    theirs.issuer !== mine.issuer ||
    audience(theirs.audience) !== audience(mine.audience) ||
    theirs.secret !== mine.secret ||
    theirs.privateKey !== mine.privateKey ||
    theirs.token !== mine.token
  );
}
