import { slotOf, type CredentialSlot } from '../auth/credentials.ts';
import type { Operation } from '../openapi/model.ts';

/**
 * Pacts never hold credentials. A consumer test sends this placeholder in each credential slot it fills
 * (`x-api-key: gateproof-placeholder`, `Authorization: Bearer gateproof-placeholder`, ...); the pact thereby
 * documents which credentials the consumer presents, and the verifier's request filter swaps each placeholder
 * for the stage's real credential on the way to the gateway.
 */
export const PLACEHOLDER = 'gateproof-placeholder';

/** The placeholder alone or after an auth scheme word ("Bearer gateproof-placeholder"). */
export const isPlaceholder = (value: string): boolean => value.trim().replace(/^[A-Za-z][\w-]*\s+/, '') === PLACEHOLDER;

/** A request as far as credentials are concerned: lower-case header names, query parameters. */
export interface SlotCarrier {
  headers: Record<string, string>;
  query: Record<string, string[]>;
}

/** The value a request carries in a slot, or undefined. */
export function slotValue(request: SlotCarrier, slot: Pick<CredentialSlot, 'in' | 'name'>): string | undefined {
  if (slot.in === 'query') return request.query[slot.name]?.[0];
  if (slot.in === 'cookie') {
    const cookie = request.headers.cookie ?? '';
    const hit = cookie.split(/;\s*/).find((c) => c.startsWith(`${slot.name}=`));
    return hit?.slice(slot.name.length + 1);
  }
  return request.headers[slot.name.toLowerCase()];
}

/** The security alternatives (OR) of an operation as credential slots (AND), AWS's api-key-required included. */
export function slotAlternatives(operation: Operation): CredentialSlot[][] {
  const apiKey: CredentialSlot = { kind: 'apiKey', in: 'header', name: 'x-api-key' };
  const alternatives = operation.security.map((requirement) => requirement.map((item) => slotOf(item.scheme)));
  if (!operation.apiKeyRequired) return alternatives;
  if (alternatives.length === 0) return [[apiKey]];
  return alternatives.map((slots) => (slots.some((s) => s.kind === 'apiKey') ? slots : [...slots, apiKey]));
}

export const describeSlot = (slot: CredentialSlot): string =>
  `${slot.in === 'header' ? `header ${slot.name}` : `${slot.in} parameter ${slot.name}`} (${slot.kind})`;
