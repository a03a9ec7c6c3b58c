import { exchangeEvidence } from '../../http/evidence.ts';
import type { Evidence } from '../../domain/result.ts';
import { redact } from '../../secrets/redact.ts';
import type { ProbeEvent } from '../../throttle-probe/events.ts';
import type { ProbeTarget } from '../../throttle-probe/fire.ts';

/**
 * The few exchanges that prove a throttle result: the first accepted and first throttled request, and every
 * kept 429 whose signature is off (redacted like all evidence). `note` heads the list with the figures.
 */
export function probeEvidence(target: ProbeTarget, events: readonly ProbeEvent[], credentialHeaders: string[], note?: string): Evidence[] {
  const picked: ProbeEvent[] = [];
  const add = (e: ProbeEvent | undefined): void => {
    if (e?.response && !picked.includes(e)) picked.push(e);
  };
  add(events.find((e) => e.outcome === 'accepted' && e.response));
  add(events.find((e) => e.outcome === 'throttled' && e.response));
  add(events.find((e) => e.outcome === 'quota' && e.response));
  for (const e of events.filter((x) => x.signatureProblems?.length && x.response).slice(0, 2)) add(e);
  const start = events[0]?.sentAt ?? 0;
  const out = picked.map((e) => ({
    ...exchangeEvidence(
      { method: target.method, url: target.url, headers: target.headers },
      { ...e.response!, truncated: false, durationMs: e.doneAt - e.sentAt, startedAt: e.sentAt },
      credentialHeaders,
    ),
    note: `${e.phase} phase, +${Math.round(e.sentAt - start)} ms${e.signatureProblems?.length ? `: ${e.signatureProblems.join('; ')}` : ''}`,
  }));
  return note ? [{ request: redact(`${target.method} ${target.url}`), note }, ...out] : out;
}
