import type { CredentialKind, Operation, SecurityScheme } from '../openapi/model.ts';

/** What kind of credential a security scheme asks for, as the gate must present it. */
export function credentialKind(scheme: SecurityScheme): CredentialKind {
  const authorizer = scheme.authorizer;
  if (authorizer?.type === 'jwt' || authorizer?.type === 'cognito_user_pools') return 'jwt';
  if (authorizer?.type === 'token' || authorizer?.type === 'request') return 'lambda';
  if (scheme.awsAuthType === 'awsSigv4') return 'iam';
  if (scheme.type === 'apiKey') return 'apiKey';
  if (scheme.type === 'http') return scheme.scheme === 'basic' ? 'basic' : 'jwt';
  if (scheme.type === 'oauth2' || scheme.type === 'openIdConnect') return 'jwt';
  return 'other';
}

/** The credential kinds an operation needs, using its first security alternative. */
export function requiredKinds(operation: Operation): CredentialKind[] {
  const first = operation.security[0] ?? [];
  const kinds = new Set(first.map((item) => credentialKind(item.scheme)));
  if (operation.apiKeyRequired) kinds.add('apiKey');
  return [...kinds];
}

export const isSecured = (operation: Operation): boolean => operation.security.length > 0 || operation.apiKeyRequired;
