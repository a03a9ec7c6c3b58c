import { requiredKinds } from '../../auth/classify.ts';
import { credentialValue } from '../../auth/credentials.ts';
import { validToken, type JwtSettings } from '../../auth/tokens.ts';
import type { StageConfig } from '../../config/load.ts';
import type { CredentialKind, Operation } from '../../openapi/model.ts';
import { skipped, type CheckContext, type CheckRunner } from '../context.ts';
import { credentialRejection, rejectionProblems } from '../expect/rejection.ts';
import { withOperation } from '../operation.ts';
import { describeResponse, failed, passed } from '../outcome.ts';
import { buildRequest } from '../../request/build.ts';

interface ForeignCredential {
  label: string;
  kind: CredentialKind;
  value: string;
}

/**
 * stage.key-isolation: each other stage's real credentials (its API key; a JWT minted with its settings when
 * they differ from this stage's) are refused here, with this stage's other credentials valid. Every stage
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
        `the other stages supply no API key for this operation and share this stage's JWT settings: nothing stage-specific to present`,
      );

    const findings: string[] = [];
    const refused: string[] = [];
    const evidence = [];
    for (const credential of foreign) {
      const { request, missing } = await buildRequest(ctx.stage, op, ctx.config.seed, { replace: { [credential.kind]: credential.value } });
      if (missing.length > 0)
        return skipped(
          expectedText,
          `stage "${ctx.check.stage}" lacks valid ${missing.join(', ')} credentials, so a rejection could not be pinned on the foreign credential`,
        );
      const exchange = await ctx.http.send(request);
      evidence.push(exchange.evidence);
      const problems = rejectionProblems(credentialRejection(ctx.profile, [credential.kind]), exchange.response, ctx.stage.oracle);
      if (problems.length > 0) findings.push(`${credential.label} -> ${describeResponse(exchange.response, 40)}: ${problems.join(', ')}`);
      else refused.push(`${credential.label} -> ${exchange.response.status}`);
    }
    return findings.length > 0 ? failed(expectedText, findings.join('; '), evidence) : passed(expectedText, refused.join('; '), evidence);
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
      out.push({ label: key === mine ? `${other}'s API key (the same value as ${ctx.check.stage}'s!)` : `${other}'s API key`, kind: 'apiKey', value: key });
  }
  const jwt = theirs.credentials.jwt;
  if (kinds.includes('jwt') && jwt && jwtDiffers(jwt, ctx.stage))
    out.push({ label: `a JWT minted with ${other}'s settings`, kind: 'jwt', value: `Bearer ${await validToken(jwt)}` });
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
