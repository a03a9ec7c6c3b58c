import type { CheckKind } from '../domain/kinds.ts';
import type { Operation } from '../openapi/model.ts';
import type { CheckContext, CheckOutcome } from './context.ts';
import { failed } from './outcome.ts';

/**
 * The operation a check is about. Checks of declared operations always have one; a missing one means the
 * plan and the spec disagree (a bug), which must fail loudly rather than pass.
 */
export function withOperation<K extends CheckKind>(ctx: CheckContext<K>, run: (op: Operation) => Promise<CheckOutcome>): Promise<CheckOutcome> {
  const op = ctx.operation;
  if (!op) return Promise.resolve(failed(`${ctx.check.target} declared in the spec`, 'the operation is not in the loaded spec (plan and spec disagree)', []));
  return run(op);
}
