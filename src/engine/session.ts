import { slotOf } from '../auth/credentials.ts';
import { summarizePacing, type PacingSummary } from '../http/pacing-summary.ts';
import { stagePacing } from '../http/pacing.ts';
import { createStageHttp, type PacedStageHttp } from '../http/stage-http.ts';
import type { Check } from '../domain/check.ts';
import type { CheckResult } from '../domain/result.ts';
import type { CheckContext } from '../checks/context.ts';
import type { Exchange, StageRequest } from '../http/exchange.ts';
import { runnerFor } from '../checks/registry.ts';
import { callRequest, type CallOptions } from '../request/call.ts';
import { executeCheck } from './execute.ts';
import type { GateContext } from './gate-context.ts';
import { Prefetcher } from './prefetch.ts';
import { TrafficGate } from './traffic-gate.ts';

export interface SessionOptions {
  allowProtected: boolean;
}

const SERIAL_QUEUE = 'serial';

/**
 * The engine of one gate run. It owns the run's only paced StageHttp per stage (so a stage's whole allowed
 * rate is its own, however many Playwright workers ask) and runs the checks from the moment the run
 * starts, so Playwright's start-up and its worker restarts overlap with the paced requests while the tests
 * collect the results:
 *  - parallel checks: a queue per stage, in plan order, `pacing.concurrency` at a time;
 *  - serial (throttle) checks: one queue for all stages, one at a time, started once every parallel check
 *    has finished, each with the target to itself (custom-test traffic waits meanwhile).
 */
export class GateSession {
  readonly http: Record<string, PacedStageHttp>;
  private readonly queues = new Map<string, Prefetcher<CheckResult>>();
  private readonly checks: Map<string, Check>;
  private readonly gate = new TrafficGate();
  private readonly parallelIds: string[];
  private started = false;

  constructor(
    readonly context: GateContext,
    checks: readonly Check[],
    private readonly options: SessionOptions,
  ) {
    const { config, model } = context;
    const credentialHeaders = [
      ...new Set(
        Object.values(model.securitySchemes)
          .map(slotOf)
          .filter((s) => s.in === 'header')
          .map((s) => s.name),
      ),
    ];
    this.http = Object.fromEntries(
      Object.entries(config.stages).map(([name, stage]) => [
        name,
        createStageHttp({ stage: name, baseURL: stage.baseURL, pacing: stagePacing(stage, model.operations, config.pacing), credentialHeaders }),
      ]),
    );
    this.checks = new Map(checks.map((c) => [c.id, c]));
    this.parallelIds = checks.filter((c) => !c.serial).map((c) => c.id);
    const run = (id: string): Promise<CheckResult> => this.execute(this.checks.get(id)!);
    for (const stage of new Set(checks.filter((c) => !c.serial).map((c) => c.stage))) {
      const ids = checks.filter((c) => !c.serial && c.stage === stage).map((c) => c.id);
      this.queues.set(stage, new Prefetcher(ids, run, { concurrency: config.pacing.concurrency, lookahead: Number.POSITIVE_INFINITY }));
    }
    const serialIds = checks.filter((c) => c.serial).map((c) => c.id);
    if (serialIds.length > 0) this.queues.set(SERIAL_QUEUE, new Prefetcher(serialIds, run, { concurrency: 1, lookahead: Number.POSITIVE_INFINITY }));
  }

  /** Starts every parallel check, then (once they are all done) the serial ones. */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const [name, queue] of this.queues) if (name !== SERIAL_QUEUE) queue.start();
    const serial = this.queues.get(SERIAL_QUEUE);
    if (serial) void this.parallelDone().then(() => serial.start());
  }

  /** Ends the run: checks not started yet are not started any more. */
  stop(): void {
    for (const queue of this.queues.values()) queue.stop('the gate run ended before this check started');
  }

  /** The result of a planned check (usually computed before its test asked). */
  result(id: string): Promise<CheckResult> {
    const check = this.checks.get(id);
    if (!check) return Promise.reject(new Error(`"${id}" is not a check of this run`));
    this.start();
    if (check.serial) return this.parallelDone().then(() => this.queues.get(SERIAL_QUEUE)!.whenDone(id));
    return this.queues.get(check.stage)!.get(id);
  }

  /** A raw request to a stage through its pacer (custom tests). */
  send(stage: string, request: StageRequest): Promise<Exchange> {
    return this.gate.runShared(() => this.stageHttp(stage).send(request));
  }

  /** An operation's valid request (with overrides) through the stage's pacer (custom tests). */
  async call(stage: string, operation: string, options: CallOptions = {}): Promise<Exchange> {
    const { config, model } = this.context;
    const op = model.operations.find((o) => o.key === operation);
    if (!op) throw new Error(`"${operation}" is not an operation of the spec (use one of: ${model.operations.map((o) => o.key).join(', ')})`);
    const request = await callRequest(config.stages[stage]!, op, config.seed, options);
    return this.send(stage, request);
  }

  contextFor(check: Check): CheckContext {
    const { config, model, profile } = this.context;
    const stage = config.stages[check.stage];
    if (!stage) throw new Error(`stage "${check.stage}" is not in the config`);
    return {
      check,
      config,
      model,
      profile,
      stage,
      operation: model.operations.find((o) => o.key === check.operation),
      http: this.http[check.stage]!,
      otherStages: Object.fromEntries(
        Object.entries(config.stages)
          .filter(([name]) => name !== check.stage)
          .map(([name, cfg]) => [name, { config: cfg, http: this.http[name]! }]),
      ),
      allowProtected: this.options.allowProtected,
    };
  }

  pacing(): PacingSummary {
    return summarizePacing(
      Object.values(this.http)
        .map((h) => h.stats())
        .filter((s) => s.requests > 0),
    );
  }

  private parallelDone(): Promise<unknown> {
    return Promise.allSettled(this.parallelIds.map((id) => this.queues.get(this.checks.get(id)!.stage)!.whenDone(id)));
  }

  private stageHttp(stage: string): PacedStageHttp {
    const http = this.http[stage];
    if (!http) throw new Error(`stage "${stage}" is not in the config`);
    return http;
  }

  private execute(check: Check): Promise<CheckResult> {
    const run = (): Promise<CheckResult> => executeCheck(check, this.contextFor(check), runnerFor(check.kind), { allowProtected: this.options.allowProtected });
    return check.serial ? this.gate.runExclusive(run) : this.gate.runShared(run);
  }
}
