import { defineConfig } from '../../../src/index.ts';
import examples from '../../../examples/gateproof.config.ts';

const { dev, prod } = examples.stages;

/**
 * The examples' API and credentials behind window limiters instead of token buckets: dev counts per fixed
 * window like Kong's rate-limiting plugin (a stage window is one counter for the whole stage), with a sliding
 * window on POST /orders; prod counts per sliding window like HAProxy's stick tables, with a usage plan's
 * fixed window per API key shared by the keyed operations. No quotas: they are not what this config is about.
 */
export default defineConfig({
  ...examples,
  spec: '../../../examples/openapi.yaml',
  // The examples' team checks live beside their config; throttling is what this config is about.
  customChecks: [],
  stages: {
    dev: {
      ...dev!,
      throttle: { limit: 20, window: '1s', kind: 'fixed' },
      operationThrottle: { 'POST /orders': { limit: 8, window: '1s', kind: 'sliding' } },
      quota: undefined,
    },
    prod: {
      ...prod!,
      throttle: { limit: 20, window: '1s', kind: 'sliding' },
      usagePlan: { throttle: { limit: 12, window: '2s', kind: 'fixed' } },
      quota: undefined,
    },
  },
});
