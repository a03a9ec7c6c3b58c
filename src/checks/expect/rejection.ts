import { headerMismatches, wordingMismatches, type Expectation, type Profile, type RejectionKind, type ResponseLike } from '../../profiles/profile.ts';
import type { CredentialKind } from '../../openapi/model.ts';
import { reachedBackend, type StageOracle } from '../../oracle/backend.ts';
import { describeResponse, is2xx } from '../outcome.ts';

/** The gateway's answer when a credential of this kind is missing or wrong. */
const REJECTION_OF: Record<CredentialKind, RejectionKind[]> = {
  apiKey: ['invalidKey'],
  jwt: ['unauthenticated'],
  lambda: ['unauthenticated'],
  basic: ['unauthenticated'],
  // AWS answers an unsigned IAM request like an unknown route (Missing Authentication Token), a bad
  // signature with 403 InvalidSignatureException.
  iam: ['notFound', 'forbidden'],
  other: ['unauthenticated', 'forbidden'],
};

export interface Rejection {
  kinds: RejectionKind[];
  /** "unauthenticated rejection (401)" */
  describe: string;
  expectations: Expectation[];
}

/** What is wrong with an answer that should have been the gateway's refusal (problems), and what only differs (warnings). */
export interface RejectionFindings {
  problems: string[];
  warnings: string[];
}

/** Any of these profile rejections. */
export function rejection(profile: Profile, kinds: readonly RejectionKind[]): Rejection {
  const unique = [...new Set(kinds)];
  const expectations = unique.map((k) => profile.rejections[k]);
  return { kinds: unique, describe: `${unique.join(' or ')} rejection (${statusFamily(expectations).join('/')})`, expectations };
}

/** What the gateway answers when credentials of these kinds are absent or wrong (any of them may win). */
export const credentialRejection = (profile: Profile, credentialKinds: readonly CredentialKind[]): Rejection =>
  rejection(
    profile,
    credentialKinds.flatMap((k) => REJECTION_OF[k]),
  );

/**
 * A response that should be the gateway's refusal passes when the gateway refused (a status in the family for
 * the cause, never 2xx), the request did not reach a backend (the oracle says so), and the gateway's signature
 * is there where the profile has one. The wording (body, cause-specific headers) is required in the profile's
 * strict mode only; otherwise a different wording is a warning. A HEAD answer has no body to compare.
 */
export function judgeRejection(
  profile: Profile,
  expected: Rejection,
  exchange: { request: { method: string }; response: ResponseLike },
  oracle: StageOracle,
): RejectionFindings {
  const { response } = exchange;
  const findings: RejectionFindings = { problems: [], warnings: [] };
  if (is2xx(response.status)) findings.problems.push('answered 2xx');
  if (reachedBackend(oracle, response)) findings.problems.push('the request reached the backend');
  if (findings.problems.length > 0) return findings;
  const family = statusFamily(expected.expectations);
  if (!family.includes(response.status)) {
    findings.problems.push(`status ${response.status} is not a ${expected.kinds.join(' or ')} rejection (${family.join('/')})`);
    return findings;
  }
  const signature = headerMismatches(profile.errorSignature, response);
  if (signature.length > 0) findings.problems.push(`not recognisably the gateway's own answer (${profile.name} signature): ${signature.join('; ')}`);
  const wording = wordingDifference(expected, response, exchange.request.method !== 'HEAD');
  if (wording)
    (profile.strict ? findings.problems : findings.warnings).push(
      `${wording} (${profile.strict ? 'strict profile' : `${profile.name} profile; not a failure outside strict mode`})`,
    );
  return findings;
}

const statusFamily = (expectations: readonly Expectation[]): number[] => [...new Set(expectations.flatMap((e) => e.statuses))];

/** Undefined when some expectation of the response's status words it the same; else what differs. */
function wordingDifference(expected: Rejection, response: ResponseLike, bodySent: boolean): string | undefined {
  const candidates = expected.expectations.filter((e) => e.statuses.includes(response.status));
  const differences = candidates.map((e) => [...wordingMismatches(e, response, { bodySent }), ...headerMismatches(e.headers, response)]);
  if (differences.length === 0 || differences.some((d) => d.length === 0)) return undefined;
  return `the wording of ${describeResponse({ status: response.status, body: bodySent ? response.body : '' }, 60)} differs from the profile's ${expected.kinds.join('/')} answer: ${differences[0]!.join('; ')}`;
}
