/**
 * Runs keyed jobs ahead of the order they are asked for, up to `concurrency` at once. Asking for a key moves
 * the position there and makes it the next to start; `lookahead` says how far past the position jobs may
 * start early (Infinity: every job, those after the position first, then any left behind it).
 */
export interface PrefetchOptions {
  concurrency: number;
  /** How many keys past the position may start early (0: strictly what is asked for). */
  lookahead: number;
}

interface Job<T> {
  promise: Promise<T>;
  resolve(v: T): void;
  reject(e: unknown): void;
  started: boolean;
}

export class Prefetcher<T> {
  private readonly jobs = new Map<number, Job<T>>();
  private cursor = 0;
  private running = 0;
  private stopped = false;

  constructor(
    private readonly keys: readonly string[],
    private readonly run: (key: string) => Promise<T>,
    private readonly options: PrefetchOptions,
  ) {}

  /** Starts work from the current position without being asked. */
  start(): void {
    this.fill();
  }

  /** Starts nothing more; jobs not started yet fail with `reason` (running ones finish). */
  stop(reason = 'stopped'): void {
    this.stopped = true;
    for (let i = 0; i < this.keys.length; i++) {
      const job = this.job(i);
      if (!job.started) job.reject(new Error(reason));
    }
  }

  /** The job's result; moves the position to it. */
  get(key: string): Promise<T> {
    const index = this.indexOf(key);
    this.cursor = index;
    const job = this.job(index);
    this.fill();
    return job.promise;
  }

  /** The job's result without moving the position or starting anything. */
  whenDone(key: string): Promise<T> {
    return this.job(this.indexOf(key)).promise;
  }

  /** Keys started so far, in start order of their index. */
  started(): string[] {
    return [...this.jobs]
      .filter(([, j]) => j.started)
      .map(([i]) => this.keys[i]!)
      .sort((a, b) => this.keys.indexOf(a) - this.keys.indexOf(b));
  }

  private indexOf(key: string): number {
    const index = this.keys.indexOf(key);
    if (index < 0) throw new Error(`unknown key "${key}"`);
    return index;
  }

  private job(index: number): Job<T> {
    let job = this.jobs.get(index);
    if (!job) {
      let resolve!: (v: T) => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
      // A job nobody awaits yet must not count as an unhandled rejection.
      promise.catch(() => undefined);
      job = { promise, resolve, reject, started: false };
      this.jobs.set(index, job);
    }
    return job;
  }

  /** Indexes in start priority: the position, what follows within the lookahead, then (unbounded) the rest. */
  private order(): number[] {
    const n = this.keys.length;
    const ahead = Math.min(n - 1, this.cursor + this.options.lookahead);
    const out: number[] = [];
    for (let i = this.cursor; i <= ahead; i++) out.push(i);
    if (this.options.lookahead === Number.POSITIVE_INFINITY) for (let i = 0; i < this.cursor; i++) out.push(i);
    return out;
  }

  private fill(): void {
    if (this.stopped) return;
    for (const i of this.order()) {
      if (this.running >= Math.max(1, this.options.concurrency)) return;
      const job = this.job(i);
      if (job.started) continue;
      job.started = true;
      this.running += 1;
      this.run(this.keys[i]!)
        .then(job.resolve, job.reject)
        .finally(() => {
          this.running -= 1;
          this.fill();
        });
    }
  }
}
