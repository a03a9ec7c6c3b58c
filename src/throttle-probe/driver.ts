import { TransportError } from '../http/client.ts';
import type { ResponseLike } from '../profiles/profile.ts';
import type { Outcome, ProbeEvent } from './events.ts';
import { createFirer, type Fired, type Firer, type ProbeTarget } from './fire.ts';
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
 * written at once on connections opened beforehand, and awaited (and sent again, up to `repeat` times, while
 * none of it was refused); a stream is paced by due times (late sends catch up, so a stalled event loop does
 * not lower the average rate) and awaited at its end; a poll sends one request at a time until one is
 * accepted; a pause sleeps. I/O only: the verdict is elsewhere.
 */
export async function drive(target: ProbeTarget, phases: readonly Phase[], classify: Classifier, options: DriveOptions = {}): Promise<ProbeEvent[]> {
  const firer = createFirer();
  const events: ProbeEvent[] = [];
  const kept = new Map<string, number>();
  const deadline = performance.now() + (options.timeLimitMs ?? 30_000);
  const record = (phase: string, f: Fired): ProbeEvent => {
    const response = { status: f.status, headers: f.headers, body: f.body };
    const c = f.error ? { outcome: 'error' as const } : classify(response);
    const bucket = `${c.outcome}${c.signatureProblems?.length ? '!' : ''}`;
    const keep = (kept.get(bucket) ?? 0) < KEEP_PER_OUTCOME;
    if (keep) kept.set(bucket, (kept.get(bucket) ?? 0) + 1);
    const event: ProbeEvent = {
      phase,
      sentAt: f.sentAt,
      doneAt: f.doneAt,
      status: f.status,
      outcome: c.outcome,
      ...(c.signatureProblems ? { signatureProblems: c.signatureProblems } : {}),
      ...(keep ? { response } : {}),
    };
    events.push(event);
    return event;
  };
  try {
    for (const phase of phases) {
      if (performance.now() > deadline) break;
      if (phase.kind === 'pause') await sleep(phase.ms);
      else if (phase.kind === 'burst') {
        for (let round = 0; round <= (phase.repeat ?? 0) && performance.now() <= deadline; round++) {
          const answered = (await firer.burst(target, phase.count)).map((f) => record(phase.name, f));
          if (answered.some(refused)) break;
        }
      } else if (phase.kind === 'poll') {
        await pollLoop(
          firer,
          (f) => record(phase.name, f),
          {
            intervalMs: phase.intervalMs,
            maxRequests: Infinity,
            deadline: Math.min(deadline, performance.now() + phase.maxMs),
            until: (e) => e.outcome === 'accepted',
          },
          target,
        );
      } else {
        const pending: Promise<unknown>[] = [];
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

const refused = (e: ProbeEvent): boolean => e.outcome === 'throttled' || e.outcome === 'quota';

/** Sends one request at a time until `until` holds or the bound is hit (recovery polling, quota). */
export async function poll(
  target: ProbeTarget,
  phase: string,
  classify: Classifier,
  options: { intervalMs: number; maxRequests: number; timeLimitMs: number; until: (e: ProbeEvent) => boolean },
): Promise<ProbeEvent[]> {
  const firer = createFirer();
  const events: ProbeEvent[] = [];
  const record = (f: Fired): ProbeEvent => {
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
    return event;
  };
  try {
    await pollLoop(firer, record, { ...options, deadline: performance.now() + options.timeLimitMs }, target);
  } finally {
    firer.close();
  }
  if (events.length > 0 && events.every((e) => e.outcome === 'error'))
    throw new TransportError('OTHER', target.url, `no response to any of ${events.length} requests`);
  return events;
}

async function pollLoop(
  firer: Firer,
  record: (f: Fired) => ProbeEvent,
  o: { intervalMs: number; maxRequests: number; deadline: number; until: (e: ProbeEvent) => boolean },
  target: ProbeTarget,
): Promise<void> {
  for (let sent = 0; sent < o.maxRequests && performance.now() < o.deadline; sent++) {
    const started = performance.now();
    if (o.until(record(await firer.fire(target)))) return;
    await sleep(o.intervalMs - (performance.now() - started));
  }
}
