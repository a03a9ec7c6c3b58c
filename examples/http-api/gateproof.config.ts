import { defineConfig, env } from '../../src/index.ts';

/**
 * The Pet Adoption API as an AWS HTTP API (API Gateway v2) on two stages. Credentials come from the environment
 * or examples/http-api/.env (see .env.example); `gateproof demo --config examples/http-api/gateproof.config.ts`
 * runs this against the bundled local gateway, which answers as an HTTP API does (profile aws-http).
 * HTTP APIs have no API keys, usage plans or quotas: limits are per route.
 */
const scopes = ['pets/read', 'pets/write', 'pets/admin', 'adoptions/read', 'adoptions/write', 'files/read', 'admin'];

export default defineConfig({
  spec: './openapi.yaml',
  profile: 'aws-http',
  seed: 20261122,
  stages: {
    dev: {
      baseURL: env('DEV_BASE_URL', 'http://127.0.0.1:4010/dev'),
      credentials: {
        jwt: { issuer: 'https://auth.petstore.example/', audience: 'adoption-api', alg: 'RS256', privateKey: env('DEV_JWT_PRIVATE_KEY'), scopes },
        lambda: { allow: [env('DEV_SHELTER_TOKEN')], deny: [env('DEV_SHELTER_DENIED_TOKEN')], token: env('DEV_SHELTER_TOKEN') },
      },
      // DefaultRouteSettings: every route's own bucket.
      throttle: { rate: 25, burst: 25 },
      // RouteSettings: this route's bucket.
      operationThrottle: { 'POST /adoptions': { rate: 10, burst: 5 } },
      variables: { backendHost: 'adoptions-dev.internal.example:8080' },
      oracle: { type: 'echo', expect: 'dev' },
    },
    prod: {
      baseURL: env('PROD_BASE_URL', 'http://127.0.0.1:4010/prod'),
      protected: true,
      credentials: {
        jwt: { issuer: 'https://auth.petstore.example/', audience: 'adoption-api', alg: 'RS256', privateKey: env('PROD_JWT_PRIVATE_KEY'), scopes },
        lambda: { allow: [env('PROD_SHELTER_TOKEN')], deny: [env('PROD_SHELTER_DENIED_TOKEN')], token: env('PROD_SHELTER_TOKEN') },
      },
      throttle: { rate: 20, burst: 20 },
      variables: { backendHost: 'adoptions-prod.internal.example:8080' },
      oracle: { type: 'echo', expect: 'prod' },
    },
  },
  exposure: { 'GET /admin/stats': ['dev'] },
  slo: {
    global: { p95: 250, p99: 600 },
    operations: { 'GET /pets': { p95: 150, p99: 400 }, 'POST /adoptions': { p95: 300 } },
    errorRate: 0.01,
  },
  // One pacer covers a stage's routes together while each route has a bucket of its own: 0.8 of the rate never drains one.
  pacing: { share: 0.8, concurrency: 4, defaultRate: 20 },
  load: { share: 0.5, duration: '15s', maxRequests: 5000 },
  contracts: { provider: 'pet-adoption-http-api', stateHandlers: './contracts/provider-states.ts' },
});
