/**
 * The pace of a stage that declares no limit: the gate cannot stay under a limit nobody wrote down, so it
 * finds one. It starts at a safe rate (pacing.defaultRate) and raises it while the gateway keeps answering
 * without 429s and at a steady latency; at the first 429 (or a latency rise that persists) it backs off to
 * `share` of the highest rate the gateway took for a whole window, and stays there. On a protected stage it
 * never probes for the limit: it raises only up to a ceiling (pacing.maxRate) and backs off the same way.
 *
 * Pure: times come in as arguments (ms, monotonic), so the controller is tested against simulated gateways.
 */

export interface RampSettings {
  /** Requests/s the ramp starts at. */
  startRate: number;
  /** The settled rate is this share of what the gateway took. */
  share: number;
  /** Protected stages: the rate is never raised above this. */
  ceiling?: number;
}

export type RampState = 'ramping' | 'at-ceiling' | 'settled';

export interface RampStep {
  /** Since the ramp started. */
  tMs: number;
  rate: number;
  why: string;
}

/** A window closes after this long, once it holds enough answers to judge (or after MAX_WINDOW_MS). */
const WINDOW_MS = 1000;
const MAX_WINDOW_MS = 5000;
const MIN_ANSWERS = 10;
/** Each clean window the rate grows by this factor. */
const RAISE = 1.5;
/** The pacer held the gate at its rate (it sent at least this share of it): only then does a clean window say the gateway could take more. */
const BINDING = 0.8;
/** A settled rate that still draws 429s (others share the bucket, the estimate was high) is cut by this factor. */
const CUT = 0.7;
/** Below this the ramp never goes: a gate must finish. */
const MIN_RATE = 1;
/** A latency rise: the window's median above RISE_FACTOR x the unloaded median + RISE_MARGIN_MS, two windows in a row. */
const RISE_FACTOR = 2;
const RISE_MARGIN_MS = 50;
const RISE_WINDOWS = 2;

interface Window {
  start: number;
  sent: number;
  latencies: number[];
}

export class RateRamp {
  rate: number;
  state: RampState;
  /** The highest rate a whole window ran at without a 429 or a latency rise: what the gateway took. */
  took: number | undefined;
  /** Median latency of the calmest window so far (ms). */
  unloadedLatencyMs: number | undefined;
  readonly steps: RampStep[] = [];
  private readonly origin: number;
  private window: Window;
  /** Requests sent before this moment went out at an older rate: their 429s were already answered. */
  private changedAt: number;
  private risingWindows = 0;

  constructor(
    readonly settings: RampSettings,
    now: number,
  ) {
    this.origin = now;
    this.rate = Math.max(MIN_RATE, Math.min(settings.startRate, settings.ceiling ?? Number.POSITIVE_INFINITY));
    this.state = this.rate === settings.ceiling ? 'at-ceiling' : 'ramping';
    this.window = { start: now, sent: 0, latencies: [] };
    this.changedAt = now;
    this.steps.push({ tMs: 0, rate: this.rate, why: 'start' });
  }

  /** A paced request left (windows close on answers, so only onAnswer changes the rate). */
  onSend(): void {
    this.window.sent += 1;
  }

  /** The answer to a paced request sent at `sentAt`; true when the rate changed. */
  onAnswer(sentAt: number, now: number, answer: { throttled: boolean; latencyMs: number }): boolean {
    const before = this.rate;
    if (answer.throttled) {
      if (sentAt >= this.changedAt) this.backOff(now, '429');
    } else {
      this.window.latencies.push(answer.latencyMs);
    }
    this.closeWindowIfDue(now);
    return this.rate !== before;
  }

  private closeWindowIfDue(now: number): void {
    const elapsed = now - this.window.start;
    if (elapsed < WINDOW_MS || (this.window.latencies.length < MIN_ANSWERS && elapsed < MAX_WINDOW_MS)) return;
    const { sent, latencies } = this.window;
    this.window = { start: now, sent: 0, latencies: [] };
    const achieved = (sent / elapsed) * 1000;
    const median = latencies.length >= MIN_ANSWERS ? medianOf(latencies) : undefined;
    if (median !== undefined && this.isRise(median)) {
      this.risingWindows += 1;
      if (this.risingWindows >= RISE_WINDOWS) {
        this.risingWindows = 0;
        this.backOff(now, `latency rose to ${Math.round(median)} ms (unloaded ${Math.round(this.unloadedLatencyMs!)} ms)`);
      }
      return;
    }
    this.risingWindows = 0;
    if (median !== undefined) this.unloadedLatencyMs = Math.min(this.unloadedLatencyMs ?? median, median);
    if (this.state !== 'ramping' || sent < BINDING * this.rate * (elapsed / 1000)) return;
    this.took = Math.max(this.took ?? 0, achieved);
    const ceiling = this.settings.ceiling ?? Number.POSITIVE_INFINITY;
    this.change(now, Math.min(this.rate * RAISE, ceiling), 'no 429, latency steady');
    if (this.rate >= ceiling) this.state = 'at-ceiling';
  }

  private isRise(median: number): boolean {
    return this.unloadedLatencyMs !== undefined && median > RISE_FACTOR * this.unloadedLatencyMs + RISE_MARGIN_MS;
  }

  private backOff(now: number, why: string): void {
    if (this.state === 'settled') {
      this.change(now, this.rate * CUT, `${why} after settling`);
      return;
    }
    this.state = 'settled';
    const basis = this.took ?? this.rate;
    this.change(now, Math.min(this.rate, basis * this.settings.share), `${why}: settled at ${this.settings.share} x ${round(basis)}/s`);
  }

  private change(now: number, rate: number, why: string): void {
    this.rate = Math.max(MIN_RATE, rate);
    this.changedAt = now;
    this.window = { start: now, sent: 0, latencies: [] };
    this.steps.push({ tMs: Math.round(now - this.origin), rate: round(this.rate), why });
  }
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const round = (n: number): number => Math.round(n * 10) / 10;
