import { jsonBodySchema } from '../../gateway/validation.ts';
import type { Exchange } from '../../http/exchange.ts';
import { buildRequest } from '../../request/build.ts';
import { describeProbe, invalidRequest } from '../../request/invalid.ts';
import { skipped, withWarnings, type CheckRunner } from '../context.ts';
import { judgeRejection, rejection } from '../expect/rejection.ts';
import { withOperation } from '../operation.ts';
import { describeResponse, failed, passed } from '../outcome.ts';
import { schemaProblems } from './body-schema.ts';

/**
 * route.validation: a validated operation, sent with valid credentials but a body that breaks its schema or
 * without a required parameter, gets the gateway's bad-request answer and never reaches the backend. An
 * operation nothing declares validated is a warning (skipped with the reason), never a failure.
 */
export const routeValidation: CheckRunner<'route.validation'> = (ctx) =>
  withOperation(ctx, async (op) => {
    const { validation, probes } = ctx.check.params;
    const badRequest = rejection(ctx.profile, ['badRequest']);
    const expected = `requests breaking the validator: ${badRequest.describe}, never the backend`;
    if (!validation) {
      return skipped(
        expected,
        `warning: ${op.key} is not validated (no x-amazon-apigateway-request-validator in the spec, not in config validation.operations): invalid requests reach its backend unchecked`,
      );
    }
    const built = await buildRequest(ctx.stage, op, ctx.config.seed);
    if (built.missing.length > 0) return skipped(expected, `stage "${ctx.check.stage}" lacks valid ${built.missing.join(', ')} credentials for this operation`);
    const schema = jsonBodySchema(op);
    const offending: string[] = [];
    const unsound: string[] = [];
    const exchanges: { exchange: Exchange; bad: boolean }[] = [];
    const warnings: string[] = [];
    for (const probe of probes) {
      const invalid = invalidRequest(built, probe);
      // A probe the schema itself accepts proves nothing (an unusual schema): leave it out rather than fail a correct gateway.
      if (schema && invalid.body !== undefined && schemaProblems(schema, invalid.body, ctx.model.specVersion).problems.length === 0) {
        unsound.push(describeProbe(probe));
        continue;
      }
      const exchange = await ctx.http.send(invalid.request);
      const judged = judgeRejection(ctx.profile, badRequest, exchange, ctx.stage.oracle);
      const problems = judged.problems;
      warnings.push(...judged.warnings.map((w) => `${describeProbe(probe)}: ${w}`));
      exchanges.push({ exchange, bad: problems.length > 0 });
      if (problems.length > 0) offending.push(`${describeProbe(probe)} -> ${describeResponse(exchange.response, 60)}: ${problems.join(', ')}`);
    }
    const by = `(${validation.source})`;
    const left = unsound.length > 0 ? `; left out, the schema accepts them: ${unsound.join('; ')}` : '';
    if (exchanges.length === 0) return skipped(expected, `no probe the schema rejects ${by}${left}`);
    const evidence = [...exchanges.filter((e) => e.bad), ...exchanges.filter((e) => !e.bad)].map((e) => e.exchange.evidence);
    if (offending.length > 0)
      return withWarnings(
        failed(`${expected} ${by}`, `${offending.length} of ${exchanges.length} invalid requests not refused: ${offending.join('; ')}${left}`, evidence),
        warnings,
      );
    const statuses = [...new Set(exchanges.map((e) => e.exchange.response.status))].join('/');
    return withWarnings(
      passed(
        `${expected} ${by}`,
        `${exchanges.length} invalid requests refused (${statuses}): ${probes
          .filter((p) => !unsound.includes(describeProbe(p)))
          .map(describeProbe)
          .join('; ')}${left}`,
        evidence,
      ),
      warnings,
    );
  });
