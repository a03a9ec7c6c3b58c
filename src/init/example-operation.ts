import type { Operation } from '../openapi/model.ts';

/**
 * The operation init writes its example check (and example consumer test) for: a GET a client calls as it is
 * (no path parameter, no required query) before one with parameters, a secured one before a public one (so
 * the example shows the stage's credentials at work), else the first operation. Undefined for a spec
 * without operations. Pure.
 */
export function exampleOperation(operations: readonly Operation[]): Operation | undefined {
  const score = (op: Operation): number =>
    (op.method === 'GET' ? 4 : 0) +
    (op.path.includes('{') || op.parameters.some((p) => p.required && p.in !== 'path') ? 0 : 2) +
    (op.security.length > 0 || op.apiKeyRequired ? 1 : 0);
  return [...operations].sort((a, b) => score(b) - score(a))[0];
}

/** The success statuses the spec documents for an operation (200, 201...; a 2XX range or none: empty). */
export const successStatuses = (op: Operation): number[] =>
  op.responses
    .map((r) => r.status)
    .filter((s) => /^2\d\d$/.test(s))
    .map(Number)
    .sort((a, b) => a - b);
