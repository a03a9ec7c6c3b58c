import { mismatches, type Profile, type ResponseLike } from '../../profiles/profile.ts';
import { poll } from '../../throttle-probe/driver.ts';
import { classify } from '../../throttle-probe/events.ts';
import { averageRate } from '../../gateway/limits.ts';
import { settleStage } from '../../throttle-probe/settle.ts';
import { skipped, type CheckRunner } from '../context.ts';
import { failed, passed } from '../outcome.ts';
import { fmt } from './common.ts';
import { probeEvidence } from './evidence.ts';
import { prepare } from './target.ts';

/** Quotas larger than this are not used up by a gate run (the check says so instead). */
const MAX_QUOTA_REQUESTS = 1000;

/**
 * throttle.quota: the quota-limited key (stage.credentials.apiKeys[quota.key]) gets the profile's quota
 * signature once used up: at most `limit` requests pass, then the quota answer comes. Requests are paced at
 * half the binding rate, one at a time, so throttling never interferes. A key already used up by an earlier
 * run in the same period answers with the quota signature at once: that proves enforcement too (reruns on
 * the same day against AWS must not fail).
 */
export const throttleQuota: CheckRunner<'throttle.quota'> = async (ctx) => {
  const quota = ctx.check.params.quota;
  const key = ctx.stage.credentials.apiKeys[quota.key];
  const expected = `at most ${quota.limit} requests with the "${quota.key}" key pass, then 429 with the ${ctx.profile.name} quota signature`;
  if (key === undefined) return skipped(expected, `the stage config has no API key "${quota.key}" (credentials.apiKeys.${quota.key})`);
  if (quota.limit + 1 > MAX_QUOTA_REQUESTS)
    return skipped(
      expected,
      `a quota of ${quota.limit} is too large to use up within the probe's bound (${MAX_QUOTA_REQUESTS} requests); use a dedicated key with a small quota`,
    );
  const setup = await prepare(ctx, { replace: { apiKey: key } });
  if ('skip' in setup) return setup.skip;
  if (!setup.op.apiKeyRequired) return skipped(expected, `${setup.op.key} does not require an API key, so no quota applies`);
  const rate = averageRate(setup.declared) * 0.5;
  await settleStage(setup.stageKey, ctx.config.throttle.settleMs);
  const events = await poll(setup.target, 'quota', (r) => classify(ctx.profile, r), {
    intervalMs: 1000 / rate,
    maxRequests: quota.limit + 2,
    timeLimitMs: ((quota.limit + 2) * 1000) / rate + 10_000,
    until: (e) => e.response !== undefined && (isQuota(ctx.profile, e.response) || rejectedOtherwise(e.status)),
  });
  const accepted = events.filter((e) => e.outcome === 'accepted' && !rejectedOtherwise(e.status)).length;
  const last = events.at(-1);
  const evidence = probeEvidence(setup.target, events, setup.credentialHeaders);
  if (last?.response && isQuota(ctx.profile, last.response)) {
    const actual =
      accepted === 0
        ? `the first request already got the quota answer (${last.status}): the quota is used up for this period`
        : `${accepted} requests passed, then ${last.status} with the quota signature`;
    if (accepted > quota.limit) return failed(expected, `${actual}: more than the limit of ${quota.limit} passed`, evidence);
    return passed(expected, accepted > 0 && accepted < quota.limit ? `${actual} (fewer than ${quota.limit}: used earlier in this period)` : actual, evidence);
  }
  if (last && rejectedOtherwise(last.status)) {
    return failed(expected, `the "${quota.key}" key was rejected with ${last.status} after ${accepted} requests, not with the quota answer`, evidence);
  }
  const throttled = events.filter((e) => e.outcome === 'throttled').length;
  return failed(
    expected,
    `${accepted} of ${events.length} requests passed at ${fmt(rate)}/s${throttled ? ` (${throttled} throttled)` : ''}: the quota of ${quota.limit} was never enforced`,
    evidence,
  );
};

/** The answer carries the quota signature (and, when the profile can tell them apart, not the throttle one). */
function isQuota(profile: Profile, response: ResponseLike): boolean {
  if (mismatches(profile.rejections.quota, response).length > 0) return false;
  return classify(profile, response).outcome === 'quota' || mismatches(profile.rejections.throttled, response).length === 0;
}

/** Authentication / authorization failures end the check: the key itself is wrong, not the quota. */
const rejectedOtherwise = (status: number): boolean => status === 401 || status === 403;
