import { defineConfig, env } from '../../../src/index.ts';

/**
 * The examples' API behind window limiters (the credentials of examples/.env.example): dev counts per fixed
 * window like Kong's rate-limiting plugin (a stage window is one counter for the whole stage), with a sliding
 * window on POST /orders; prod counts per sliding window like HAProxy's stick tables, with a usage plan's
 * fixed window per API key shared by the keyed operations.
 */
export default defineConfig({
  spec: '../../../examples/openapi.yaml',
  profile: 'aws-rest',
  seed: 20261121,
  stages: {
    dev: {
      baseURL: env('DEV_BASE_URL', 'http://127.0.0.1:4010/dev'),
      credentials: {
        apiKeys: { default: env('DEV_API_KEY'), quota: env('DEV_QUOTA_API_KEY') },
        jwt: { issuer: 'https://auth.petstore.example/', audience: 'petstore-api', alg: 'HS256', secret: env('DEV_JWT_SECRET'), scopes: ['pets/write', 'pets/admin', 'orders/write', 'orders/read', 'admin'] },
        lambda: { allow: [env('DEV_PARTNER_TOKEN')], deny: [env('DEV_PARTNER_DENIED_TOKEN')], token: env('DEV_PARTNER_TOKEN') },
      },
      throttle: { limit: 20, window: '1s', kind: 'fixed' },
      operationThrottle: { 'POST /orders': { limit: 8, window: '1s', kind: 'sliding' } },
      oracle: { type: 'echo', expect: 'dev' },
    },
    prod: {
      baseURL: env('PROD_BASE_URL', 'http://127.0.0.1:4010/prod'),
      credentials: {
        apiKeys: { default: env('PROD_API_KEY'), quota: env('PROD_QUOTA_API_KEY') },
        jwt: { issuer: 'https://auth.petstore.example/', audience: 'petstore-api', alg: 'HS256', secret: env('PROD_JWT_SECRET'), scopes: ['pets/write', 'pets/admin', 'orders/write', 'orders/read', 'admin'] },
        lambda: { allow: [env('PROD_PARTNER_TOKEN')], deny: [env('PROD_PARTNER_DENIED_TOKEN')], token: env('PROD_PARTNER_TOKEN') },
      },
      throttle: { limit: 20, window: '1s', kind: 'sliding' },
      usagePlan: { throttle: { limit: 12, window: '2s', kind: 'fixed' } },
      oracle: { type: 'echo', expect: 'prod' },
    },
  },
  exposure: { 'GET /admin/stats': ['dev'] },
});
