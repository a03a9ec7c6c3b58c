/**
 * gateproof soak scenario: the slo mix at a lower share of the limits for longer (`gateproof load --scenario
 * soak --duration 30m`, bounded by config.load.maxRequests). Same thresholds as slo; the plan sets the pace.
 */
export { options, default } from './slo.ts';
