import { credentialValue, type CredentialSlot } from '../auth/credentials.ts';
import type { StageConfig } from '../config/load.ts';
import { registerSecret } from '../secrets/redact.ts';
import type { CredentialKind, GatewayModel } from '../openapi/model.ts';
import { slotAlternatives } from './placeholder.ts';
import type { CredentialPlan } from './request-filter.ts';

/**
 * The stage's credentials for the verifier's request filter: every slot each operation may read, and one valid
 * value per credential kind (a JWT is minted once per stage run). Every value is registered as a secret.
 */
export async function credentialPlan(model: GatewayModel, stage: StageConfig): Promise<CredentialPlan> {
  const slots: Record<string, CredentialSlot[]> = {};
  const kinds = new Set<CredentialKind>();
  for (const op of model.operations) {
    const unique = new Map<string, CredentialSlot>();
    for (const slot of slotAlternatives(op).flat()) unique.set(`${slot.in}:${slot.name.toLowerCase()}`, slot);
    slots[op.key] = [...unique.values()];
    for (const slot of unique.values()) kinds.add(slot.kind);
  }
  const values: CredentialPlan['values'] = {};
  for (const kind of kinds) {
    const value = await credentialValue(kind, stage);
    if (value === undefined) continue;
    registerSecret(value);
    registerSecret(value.replace(/^(Bearer|Basic)\s+/i, ''));
    values[kind] = value;
  }
  return { operations: model.operations.map((op) => ({ key: op.key, method: op.method, path: op.path })), basePath: model.basePath, slots, values };
}
