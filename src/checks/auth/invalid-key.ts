import { credentialValue } from '../../auth/credentials.ts';
import type { GateproofConfig } from '../../config/load.ts';
import { skipped, type CheckRunner } from '../context.ts';
import { rejection, rejectionProblems } from '../expect/rejection.ts';
import { withOperation } from '../operation.ts';
import { describeResponse, judge } from '../outcome.ts';
import { buildRequest } from '../../request/build.ts';
import { lookalikeKey } from './lookalike-key.ts';

/** auth.invalid-key: a well-formed but unknown API key (all other credentials valid) -> invalidKey. */
export const authInvalidKey: CheckRunner = (ctx) =>
  withOperation(ctx, async (op) => {
    const expected = rejection(ctx.profile, ['invalidKey']);
    const describe = `an unknown API key of the real key's shape: ${expected.describe}, never the backend`;
    const real = await credentialValue('apiKey', ctx.stage);
    if (!real) return skipped(describe, `stage "${ctx.check.stage}" has no API key (credentials.apiKeys) to model the unknown key on`);
    const fake = lookalikeKey(real, allApiKeys(ctx.config));
    const { request, missing } = await buildRequest(ctx.stage, op, ctx.config.seed, { replace: { apiKey: fake } });
    if (missing.length > 0)
      return skipped(describe, `stage "${ctx.check.stage}" lacks valid ${missing.join(', ')} credentials, so a rejection could not be pinned on the key`);
    const exchange = await ctx.http.send(request);
    return judge(describe, rejectionProblems(expected, exchange.response, ctx.stage.oracle), describeResponse(exchange.response), [exchange.evidence]);
  });

const allApiKeys = (config: GateproofConfig): string[] => Object.values(config.stages).flatMap((s) => Object.values(s.credentials.apiKeys));
