import { anyOf, type Profile, type RejectionKind, type ResponseLike } from '../../profiles/profile.ts';
import type { CredentialKind } from '../../openapi/model.ts';
import { reachedBackend, type StageOracle } from '../../oracle/backend.ts';
import { is2xx } from '../outcome.ts';

/** The gateway's answer when a credential of this kind is missing or wrong. */
const REJECTION_OF: Record<CredentialKind, RejectionKind[]> = {
  apiKey: ['invalidKey'],
  jwt: ['unauthenticated'],
  lambda: ['unauthenticated'],
  basic: ['unauthenticated'],
  // AWS answers an unsigned IAM request like an unknown route (Missing Authentication Token).
  iam: ['notFound', 'forbidden'],
  other: ['unauthenticated', 'forbidden'],
};

export interface Rejection {
  kinds: RejectionKind[];
  /** "unauthenticated rejection (401)" */
  describe: string;
  problems(response: ResponseLike): string[];
}

/** Any of these profile rejections. */
export function rejection(profile: Profile, kinds: readonly RejectionKind[]): Rejection {
  const unique = [...new Set(kinds)];
  const expectations = unique.map((k) => profile.rejections[k]);
  const statuses = [...new Set(expectations.flatMap((e) => e.statuses))].join('/');
  return { kinds: unique, describe: `${unique.join(' or ')} rejection (${statuses})`, problems: anyOf(expectations) };
}

/** What the gateway answers when credentials of these kinds are absent or wrong (any of them may win). */
export const credentialRejection = (profile: Profile, credentialKinds: readonly CredentialKind[]): Rejection =>
  rejection(
    profile,
    credentialKinds.flatMap((k) => REJECTION_OF[k]),
  );

/**
 * Everything wrong with a response that should have been the gateway's rejection: a 2xx, a response the
 * backend produced, or a rejection that does not look like the profile's.
 */
export function rejectionProblems(expected: Rejection, response: ResponseLike, oracle: StageOracle): string[] {
  const problems: string[] = [];
  if (is2xx(response.status)) problems.push('answered 2xx');
  if (reachedBackend(oracle, response)) problems.push('the request reached the backend');
  if (problems.length === 0) problems.push(...expected.problems(response));
  return problems;
}
