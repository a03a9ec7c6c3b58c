import type { GateproofConfig } from '../config/load.ts';
import type { GatewayModel, Operation } from '../openapi/model.ts';
import { readSource, type AuthInput, type Source } from './authorizers.ts';

/**
 * API keys of one stage: a key is valid only on the stages whose `credentials.apiKeys` include it (AWS: in
 * a usage plan covering the stage); `key-any-stage` accepts every stage's keys everywhere. The key is read
 * where the operation's apiKey scheme says (header x-api-key by default).
 */
export class StageKeys {
  /** key value -> its name in credentials.apiKeys (quota matching). */
  private readonly valid = new Map<string, string>();
  private readonly defaultSource: Source;

  constructor(stageName: string, config: Pick<GateproofConfig, 'stages'>, model: Pick<GatewayModel, 'securitySchemes'>, keyAnyStage: boolean) {
    for (const [name, cfg] of Object.entries(config.stages)) {
      if (name !== stageName && !keyAnyStage) continue;
      for (const [keyName, value] of Object.entries(cfg.credentials.apiKeys))
        if (name === stageName || !this.valid.has(value)) this.valid.set(value, name === stageName ? keyName : `${name}:${keyName}`);
    }
    const scheme = Object.values(model.securitySchemes).find((s) => s.type === 'apiKey' && !s.authorizer && s.awsAuthType === undefined);
    this.defaultSource = scheme?.type === 'apiKey' ? sourceOf(scheme) : { in: 'header', name: 'x-api-key' };
  }

  /** Where an operation's key travels: its own apiKey scheme, else the spec's, else x-api-key. */
  sourceFor(op: Operation): Source {
    for (const requirement of op.security) {
      for (const { scheme } of requirement) if (scheme.type === 'apiKey' && !scheme.authorizer && scheme.awsAuthType === undefined) return sourceOf(scheme);
    }
    return this.defaultSource;
  }

  /** The key presented at `source` when it is valid on this stage. */
  identify(source: Source, input: AuthInput): string | undefined {
    const value = readSource(source, input);
    return value !== undefined && this.valid.has(value) ? value : undefined;
  }

  nameOf(value: string): string | undefined {
    return this.valid.get(value);
  }
}

const sourceOf = (scheme: { in: string; paramName: string }): Source => ({ in: scheme.in === 'query' ? 'query' : 'header', name: scheme.paramName });
