/**
 * Shared vs exclusive use of the target: ordinary traffic (parallel checks, custom tests) runs side by side;
 * a serial (throttle) check runs alone, once the traffic in flight has finished, and holds new traffic back
 * until it is done, so a drained bucket never throttles anything else.
 */
export class TrafficGate {
  private shared = 0;
  private exclusive = false;
  /** Exclusive work waiting: new shared work queues behind it instead of starving it. */
  private pendingExclusive = 0;
  private waiters: (() => void)[] = [];

  async runShared<T>(work: () => Promise<T>): Promise<T> {
    while (this.exclusive || this.pendingExclusive > 0) await this.changed();
    this.shared += 1;
    try {
      return await work();
    } finally {
      this.shared -= 1;
      this.notify();
    }
  }

  async runExclusive<T>(work: () => Promise<T>): Promise<T> {
    this.pendingExclusive += 1;
    while (this.exclusive || this.shared > 0) await this.changed();
    this.pendingExclusive -= 1;
    this.exclusive = true;
    try {
      return await work();
    } finally {
      this.exclusive = false;
      this.notify();
    }
  }

  private changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private notify(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const wake of waiting) wake();
  }
}
