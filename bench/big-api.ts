import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A Stripe-size API for the scale bench, generated (deterministic) instead of committed: 417 operations over
 * nested resources (`/v1/customers/{customer}/sources/{id}`), list/create/retrieve/update/delete plus
 * actions, request bodies and query parameters, and varied security: an API key, two JWT authorizers (alone
 * or with the key) and public routes. Every route proxies to the stage's echo backend.
 */

const RESOURCES = [
  'accounts',
  'application_fees',
  'apple_pay_domains',
  'balance_transactions',
  'billing_portal_sessions',
  'charges',
  'checkout_sessions',
  'coupons',
  'credit_notes',
  'customers',
  'disputes',
  'ephemeral_keys',
  'events',
  'exchange_rates',
  'files',
  'file_links',
  'financial_connections_accounts',
  'identity_verification_sessions',
  'invoiceitems',
  'invoices',
  'issuing_authorizations',
  'issuing_cardholders',
  'issuing_cards',
  'issuing_disputes',
  'issuing_transactions',
  'mandates',
  'payment_intents',
  'payment_links',
  'payment_methods',
  'payouts',
  'plans',
  'prices',
  'products',
  'promotion_codes',
  'quotes',
  'radar_early_fraud_warnings',
  'radar_value_lists',
  'refunds',
  'reporting_report_runs',
  'reviews',
  'setup_attempts',
  'setup_intents',
  'shipping_rates',
  'sigma_scheduled_query_runs',
  'sources',
  'subscription_items',
  'subscription_schedules',
  'subscriptions',
  'tax_codes',
  'tax_rates',
  'terminal_configurations',
  'terminal_locations',
  'terminal_readers',
  'test_clocks',
  'tokens',
  'topups',
  'transfers',
  'treasury_financial_accounts',
  'treasury_inbound_transfers',
  'treasury_outbound_payments',
  'treasury_received_credits',
  'webhook_endpoints',
  'climate_orders',
  'climate_products',
  'entitlements_features',
  'forwarding_requests',
  'tax_registrations',
  'billing_meters',
  'issuing_tokens',
  'terminal_connection_tokens',
  'treasury_transaction_entries',
  'apps_secrets',
] as const;

const CHILDREN = ['lines', 'sources', 'balance_transactions', 'tax_ids', 'refunds', 'items', 'attempts', 'events'] as const;
const ACTIONS = ['cancel', 'confirm', 'capture', 'finalize', 'pay', 'void', 'expire', 'approve'] as const;

const BIG_API_OPERATIONS = 417;

type Security = Record<string, string[]>[];
const API_KEY: Security = [{ api_key: [] }];
const PARTNER_JWT: Security = [{ partner_jwt: [] }];
const STAFF_JWT: Security = [{ staff_jwt: [] }];
const KEY_AND_JWT: Security = [{ api_key: [], partner_jwt: [] }];
const PUBLIC: Security = [];
/** Mostly API-key routes (Stripe's secret key), a third behind a JWT authorizer, some public. */
const SECURITY_MIX = [API_KEY, API_KEY, PARTNER_JWT, API_KEY, KEY_AND_JWT, STAFF_JWT, API_KEY, PUBLIC, PARTNER_JWT, API_KEY];

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const idParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z]{2,4}_[A-Za-z0-9]{8,24}$' } });

function integration(method: string, path: string) {
  const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  return {
    type: 'http_proxy',
    httpMethod: method.toUpperCase(),
    uri: `http://\${stageVariables.backendHost}${path}`,
    requestParameters: Object.fromEntries(params.map((p) => [`integration.request.path.${p}`, `method.request.path.${p}`])),
  };
}

const BIG_API_ISSUER = 'https://auth.payments.example/';
const BIG_API_AUDIENCES = ['payments-api', 'payments-staff'];

const jwtScheme = (audience: string) => ({
  type: 'apiKey',
  name: 'Authorization',
  in: 'header',
  'x-amazon-apigateway-authtype': 'oauth2',
  'x-amazon-apigateway-authorizer': {
    type: 'jwt',
    identitySource: '$request.header.Authorization',
    jwtConfiguration: { issuer: BIG_API_ISSUER, audience: [audience] },
  },
});

/** The generated OpenAPI 3.0 document (deterministic: same output on every call). */
export function bigApiSpec(operations = BIG_API_OPERATIONS): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  let count = 0;
  let n = 0;
  const add = (path: string, method: string, op: Record<string, unknown>): void => {
    if (count >= operations) return;
    const security = SECURITY_MIX[n++ % SECURITY_MIX.length]!;
    (paths[path] ??= {})[method] = { operationId: `op${count}`, security, ...op, 'x-amazon-apigateway-integration': integration(method, path) };
    count += 1;
  };
  const listQuery = [
    { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
    { name: 'starting_after', in: 'query', schema: { type: 'string' } },
  ];
  for (let round = 0; count < operations; round++) {
    for (const [i, resource] of RESOURCES.entries()) {
      const base = round === 0 ? `/v1/${resource}` : `/v${round + 1}/${resource}`;
      const item = `${base}/{id}`;
      const child = CHILDREN[(i + round) % CHILDREN.length]!;
      const action = ACTIONS[(i + round) % ACTIONS.length]!;
      add(base, 'get', { parameters: listQuery, responses: { 200: { description: 'a page', ...json(ref('List')) } } });
      add(base, 'post', {
        requestBody: { required: true, ...json(ref('NewObject')) },
        responses: { 200: { description: 'created', ...json(ref('Object')) }, 400: { description: 'invalid', ...json(ref('Error')) } },
      });
      add(item, 'get', {
        parameters: [idParam('id')],
        responses: { 200: { description: 'the object', ...json(ref('Object')) }, 404: { description: 'missing', ...json(ref('Error')) } },
      });
      if (i % 3 !== 2)
        add(item, 'post', {
          parameters: [idParam('id')],
          requestBody: { required: false, ...json(ref('Update')) },
          responses: { 200: { description: 'updated', ...json(ref('Object')) } },
        });
      if (i % 2 === 0) add(item, 'delete', { parameters: [idParam('id')], responses: { 200: { description: 'deleted', ...json(ref('Deleted')) } } });
      if (i % 4 !== 3)
        add(`${item}/${child}`, 'get', { parameters: [idParam('id'), ...listQuery], responses: { 200: { description: 'a page', ...json(ref('List')) } } });
      if (i % 5 === 1)
        add(`${item}/${child}/{child}`, 'get', {
          parameters: [idParam('id'), idParam('child')],
          responses: { 200: { description: 'the child', ...json(ref('Object')) } },
        });
      if (i % 3 === 0) add(`${item}/${action}`, 'post', { parameters: [idParam('id')], responses: { 200: { description: 'done', ...json(ref('Object')) } } });
    }
  }
  return {
    openapi: '3.0.1',
    info: { title: 'Payments API (synthetic, Stripe-size)', version: '2026-11-01' },
    'x-amazon-apigateway-api-key-source': 'HEADER',
    paths,
    components: {
      securitySchemes: {
        api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' },
        partner_jwt: jwtScheme('payments-api'),
        staff_jwt: jwtScheme('payments-staff'),
      },
      schemas: {
        NewObject: {
          type: 'object',
          required: ['description'],
          properties: {
            description: { type: 'string', maxLength: 200 },
            amount: { type: 'integer', minimum: 0 },
            currency: { type: 'string', enum: ['usd', 'eur', 'gbp'] },
            metadata: { type: 'object', additionalProperties: { type: 'string' } },
          },
        },
        Update: { type: 'object', properties: { description: { type: 'string' }, metadata: { type: 'object', additionalProperties: { type: 'string' } } } },
        Object: {
          allOf: [
            ref('NewObject'),
            {
              type: 'object',
              required: ['id', 'object', 'created'],
              properties: { id: { type: 'string' }, object: { type: 'string' }, created: { type: 'integer' }, livemode: { type: 'boolean' } },
            },
          ],
        },
        List: {
          type: 'object',
          required: ['object', 'data', 'has_more'],
          properties: {
            object: { type: 'string', enum: ['list'] },
            data: { type: 'array', items: ref('Object') },
            has_more: { type: 'boolean' },
            url: { type: 'string' },
          },
        },
        Deleted: { type: 'object', required: ['id', 'deleted'], properties: { id: { type: 'string' }, deleted: { type: 'boolean' } } },
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', properties: { type: { type: 'string' }, message: { type: 'string' } } } },
        },
      },
    },
  };
}

/** Placeholder credentials of the synthetic API's stages (the local gateway accepts them), as environment variables. */
export const BIG_API_ENV: Record<string, string> = {
  DEV_API_KEY: 'dev-key-5b1e0c9a7d3f4e21',
  DEV_JWT_SECRET: 'dev-jwt-secret-payments-8e2a6c4b1d9f7e3a5c0b',
  PROD_API_KEY: 'prod-key-9c4d2e1f0a8b7c6d',
  PROD_JWT_SECRET: 'prod-jwt-secret-payments-1f3e5d7c9b0a2e4d6c8b',
};

export interface BigApiConfig {
  /** Where the stages are: `${baseURL}/dev`, `${baseURL}/prod`. */
  baseURL: string;
  /** Declared on both stages (the local gateway enforces them per method, as AWS does); none: the gate's pace adapts. */
  limits?: { rate: number; burst: number };
  reportsDir?: string;
}

/** Writes the spec (openapi.json, once) and a gateproof config for it into `dir`; returns the config's path. */
export function writeBigApi(dir: string, name: string, options: BigApiConfig): string {
  writeFileSync(join(dir, 'openapi.json'), JSON.stringify(bigApiSpec()));
  const stage = (s: 'dev' | 'prod') => ({
    baseURL: `${options.baseURL}/${s}`,
    credentials: {
      apiKeys: { default: { $env: `${s.toUpperCase()}_API_KEY` } },
      jwt: { issuer: BIG_API_ISSUER, audience: BIG_API_AUDIENCES, alg: 'HS256', secret: { $env: `${s.toUpperCase()}_JWT_SECRET` } },
    },
    variables: { backendHost: `payments-${s}.internal:8080` },
    oracle: { type: 'echo', expect: s },
    ...(options.limits ? { throttle: options.limits } : {}),
  });
  const config = {
    spec: './openapi.json',
    seed: 7,
    stages: { dev: stage('dev'), prod: stage('prod') },
    ...(options.reportsDir ? { reportsDir: options.reportsDir } : {}),
  };
  const file = join(dir, `${name}.config.json`);
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}
