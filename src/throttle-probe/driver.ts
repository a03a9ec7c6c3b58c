import { TransportError } from '../http/client.ts';
import type { ResponseLike } from '../profiles/profile.ts';
import type { Outcome, ProbeEvent } from './events.ts';
import { createFirer, type Fired, type ProbeTarget } from './fire.ts';
import type { Phase } from './schedule.ts';

export type Classifier = (response: ResponseLike) => { outcome: Outcome; signatureProblems?: string[] };

export interface DriveOptions {
  /** Hard stop: no request is sent after this many ms (the probe's time bound). */
  timeLimitMs?: number;
}

/** Keeps the full response of a few requests per outcome (evidence), not of all of them. */
const KEEP_PER_OUTCOME = 3;

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/**
 * Runs a probe's phases against one target, in order, and returns every request as an event. A burst is
 * written at once on connections opened beforehand, and awaited; a stream is paced by due times (late sends catch up, so a stalled event loop does not
 * lower the average rate) and awaited at its end; a pause sleeps. I/O only: the verdict is elsewhere.
 */
export async function drive(target: ProbeTarget, phases: readonly Phase[], classify: Classifier, options: DriveOptions = {}): Promise<ProbeEvent[]> {
  const firer = createFirer();
  const events: ProbeEvent[] = [];
  const kept = new Map<string, number>();
  const deadline = performance.now() + (options.timeLimitMs ?? 30_000);
  const record = (phase: string, f: Fired): void => {
    const response = { status: f.status, headers: f.headers, body: f.body };
    const c = f.error ? { outcome: 'error' as const } : classify(response);
    const bucket = `${c.outcome}${c.signatureProblems?.length ? '!' : ''}`;
    const keep = (kept.get(bucket) ?? 0) < KEEP_PER_OUTCOME;
    if (keep) kept.set(bucket, (kept.get(bucket) ?? 0) + 1);
    events.push({
      phase,
      sentAt: f.sentAt,
      doneAt: f.doneAt,
      status: f.status,
      outcome: c.outcome,
      ...(c.signatureProblems ? { signatureProblems: c.signatureProblems } : {}),
      ...(keep ? { response } : {}),
    });
  };
  try {
    for (const phase of phases) {
      if (performance.now() > deadline) break;
      if (phase.kind === 'pause') await sleep(phase.ms);
      else if (phase.kind === 'burst') {
        for (const f of await firer.burst(target, phase.count)) record(phase.name, f);
      } else {
        const pending: Promise<void>[] = [];
        const n = Math.floor((phase.rate * phase.durationMs) / 1000) + 1;
        const start = performance.now();
        for (let i = 0; i < n; i++) {
          const due = start + (i * 1000) / phase.rate;
          const wait = due - performance.now();
          if (wait >= 1) await sleep(wait);
          if (performance.now() > deadline) break;
          pending.push(firer.fire(target).then((f) => record(phase.name, f)));
        }
        await Promise.all(pending);
      }
    }
  } finally {
    firer.close();
  }
  const errors = events.filter((e) => e.outcome === 'error');
  if (events.length > 0 && errors.length === events.length)
    throw new TransportError('OTHER', target.url, `no response to any of ${events.length} probe requests`);
  return events;
}

/** Sends one request at a time until `until` holds or the bound is hit (recovery polling, quota). */
export async function poll(
  target: ProbeTarget,
  phase: string,
  classify: Classifier,
  options: { intervalMs: number; maxRequests: number; timeLimitMs: number; until: (e: ProbeEvent) => boolean },
): Promise<ProbeEvent[]> {
  const events = await drivePoll(target, phase, classify, options);
  if (events.length > 0 && events.every((e) => e.outcome === 'error'))
    throw new TransportError('OTHER', target.url, `no response to any of ${events.length} requests`);
  return events;
}

async function drivePoll(
  target: ProbeTarget,
  phase: string,
  classify: Classifier,
  o: { intervalMs: number; maxRequests: number; timeLimitMs: number; until: (e: ProbeEvent) => boolean },
): Promise<ProbeEvent[]> {
  const firer = createFirer();
  const events: ProbeEvent[] = [];
  const deadline = performance.now() + o.timeLimitMs;
  try {
    while (events.length < o.maxRequests && performance.now() < deadline) {
      const started = performance.now();
      const f = await firer.fire(target);
      const response = { status: f.status, headers: f.headers, body: f.body };
      const c = f.error ? { outcome: 'error' as const } : classify(response);
      const event: ProbeEvent = {
        phase,
        sentAt: f.sentAt,
        doneAt: f.doneAt,
        status: f.status,
        outcome: c.outcome,
        ...(c.signatureProblems ? { signatureProblems: c.signatureProblems } : {}),
        response,
      };
      events.push(event);
      if (o.until(event)) break;
      await sleep(o.intervalMs - (performance.now() - started));
    }
  } finally {
    firer.close();
  }
  return events;
}
