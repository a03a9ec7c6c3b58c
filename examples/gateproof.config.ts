import { defineConfig, env } from '../src/index.ts';

/**
 * The Petstore Partner API on two stages. Credentials come from the environment or examples/.env
 * (see .env.example); `gateproof demo` runs this against the bundled local gateway.
 */
export default defineConfig({
  spec: './openapi.yaml',
  profile: 'aws-rest',
  seed: 20261121,
  stages: {
    dev: {
      baseURL: env('DEV_BASE_URL', 'http://127.0.0.1:4010/dev'),
      credentials: {
        apiKeys: { default: env('DEV_API_KEY'), quota: env('DEV_QUOTA_API_KEY') },
        jwt: {
          issuer: 'https://auth.petstore.example/',
          audience: 'petstore-api',
          alg: 'HS256',
          secret: env('DEV_JWT_SECRET'),
          scopes: ['pets/write', 'pets/admin', 'orders/write', 'orders/read', 'admin'],
        },
        lambda: { allow: [env('DEV_PARTNER_TOKEN')], deny: [env('DEV_PARTNER_DENIED_TOKEN')], token: env('DEV_PARTNER_TOKEN') },
      },
      throttle: { rate: 50, burst: 20 },
      operationThrottle: { 'POST /orders': { rate: 10, burst: 5 } },
      quota: { key: 'quota', limit: 5, period: 'DAY' },
      variables: { backendHost: 'pets-dev.internal.example:8080' },
      oracle: { type: 'echo', expect: 'dev' },
    },
    prod: {
      baseURL: env('PROD_BASE_URL', 'http://127.0.0.1:4010/prod'),
      protected: true,
      credentials: {
        apiKeys: { default: env('PROD_API_KEY'), quota: env('PROD_QUOTA_API_KEY') },
        jwt: {
          issuer: 'https://auth.petstore.example/',
          audience: 'petstore-api',
          alg: 'HS256',
          secret: env('PROD_JWT_SECRET'),
          scopes: ['pets/write', 'pets/admin', 'orders/write', 'orders/read', 'admin'],
        },
        lambda: { allow: [env('PROD_PARTNER_TOKEN')], deny: [env('PROD_PARTNER_DENIED_TOKEN')], token: env('PROD_PARTNER_TOKEN') },
      },
      throttle: { rate: 100, burst: 50 },
      usagePlan: { throttle: { rate: 80, burst: 40 } },
      quota: { key: 'quota', limit: 5, period: 'DAY' },
      variables: { backendHost: 'pets-prod.internal.example:8080' },
      oracle: { type: 'echo', expect: 'prod' },
    },
  },
  exposure: { 'GET /admin/stats': ['dev'] },
  slo: {
    global: { p95: 250, p99: 600 },
    operations: { 'GET /pets': { p95: 150, p99: 400 }, 'POST /orders': { p95: 300 } },
    errorRate: 0.01,
  },
  pacing: { share: 0.5, concurrency: 4, defaultRate: 20 },
  load: { share: 0.5, duration: '15s', maxRequests: 5000 },
});
