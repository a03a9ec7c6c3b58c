import type { CheckKind } from '../domain/kinds.ts';
import type { PactInteraction } from './pact-file.ts';

/** What contract checks are about: one pact interaction, named stably and uniquely within a run. */
export interface InteractionSubject {
  interaction: PactInteraction;
  /** "METHOD /path/template" of the spec operation, or "METHOD <literal path>" when the spec has none. */
  operation: string;
  /** "<consumer>: <description>", with the provider states appended when a description repeats. */
  name: string;
}

/**
 * Names the interactions of a run. Pact keeps (description, provider states) unique per pact, so a repeated
 * description gets its states ("given ..."); anything still repeated gets "#2", "#3" in pact order.
 */
export function nameInteractions(interactions: PactInteraction[], operationOf: (i: PactInteraction) => string): InteractionSubject[] {
  const base = (i: PactInteraction): string => `${i.consumer}: ${i.description}`;
  const counts = countBy(interactions.map(base));
  const named = interactions.map((i) => {
    const plain = base(i);
    const states = i.states.map((s) => s.name).join(' and ');
    return (counts.get(plain) ?? 0) > 1 && states ? `${plain} (given ${states})` : plain;
  });
  const seen = new Map<string, number>();
  return interactions.map((interaction, k) => {
    const name = named[k]!;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return { interaction, operation: operationOf(interaction), name: n > 1 ? `${name} #${n}` : name };
  });
}

/** `<stage>:<kind>:<METHOD> <path> <consumer>: <description>` (the contract id shape, subject appended). */
export const contractCheckId = (stage: string, kind: CheckKind, subject: Pick<InteractionSubject, 'operation' | 'name'>): string =>
  `${stage}:${kind}:${subject.operation} ${subject.name}`;

export const contractCheckTitle = (stage: string, kind: CheckKind, subject: Pick<InteractionSubject, 'operation' | 'name'>): string =>
  `[${stage}] ${subject.operation} ${subject.name} › ${kind}`;

function countBy(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}
