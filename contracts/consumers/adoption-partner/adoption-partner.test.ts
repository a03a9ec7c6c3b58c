import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { newPact, PLACEHOLDER } from '../support.ts';
import { AdoptionPartnerClient } from './client.ts';

const { integer, like, regex, uuid } = MatchersV3;

/**
 * adoption-partner: a partner's back office. Every credential is the placeholder: the pact records that the
 * partner sends an API key and a Bearer token on orders and the partner token on owners, never their values.
 */
const pact = newPact('adoption-partner');
const creds = { apiKey: PLACEHOLDER, accessToken: PLACEHOLDER, partnerToken: PLACEHOLDER };
const JSON_TYPE = { 'Content-Type': regex('application/json.*', 'application/json') };
const ORDER_ID = '6f1c2a9e-3b7d-4e58-9a0c-1d2e3f4a5b6c';
const order = {
  id: uuid(ORDER_ID),
  petId: like('rex-0001'),
  ownerId: integer(42),
  state: regex('^(placed|approved|delivered)$', 'placed'),
};

describe('adoption-partner -> Petstore Partner API', () => {
  it('places an adoption order', () =>
    pact
      .addInteraction()
      .given('a pet is available for adoption', { petId: 'rex-0001' })
      .uponReceiving('an adoption order for an available pet')
      .withRequest('POST', '/orders', (req) =>
        req
          .headers({ 'x-api-key': PLACEHOLDER, authorization: `Bearer ${PLACEHOLDER}`, 'content-type': 'application/json', accept: 'application/json' })
          .jsonBody({ petId: 'rex-0001', ownerId: 42, note: 'Adoption requested through partner portal' }),
      )
      .willRespondWith(201, (res) => res.headers(JSON_TYPE).jsonBody(order))
      .executeTest(async (server) => {
        const placed = await new AdoptionPartnerClient(server.url, creds).placeOrder({
          petId: 'rex-0001',
          ownerId: 42,
          note: 'Adoption requested through partner portal',
        });
        expect(placed.state).toBe('placed');
      }));

  it('tracks an order', () =>
    pact
      .addInteraction()
      .given('an adoption order exists', { orderId: ORDER_ID })
      .uponReceiving('a request for the state of an order')
      .withRequest('GET', `/orders/${ORDER_ID}`, (req) => req.headers({ authorization: `Bearer ${PLACEHOLDER}`, accept: 'application/json' }))
      .willRespondWith(200, (res) => res.headers(JSON_TYPE).jsonBody(order))
      .executeTest(async (server) => {
        const tracked = await new AdoptionPartnerClient(server.url, creds).order(ORDER_ID);
        expect(tracked.ownerId).toBe(42);
      }));

  it('looks up an owner with the partner token', () =>
    pact
      .addInteraction()
      .given('an owner exists', { ownerId: 42 })
      .uponReceiving('a request for an owner profile')
      .withRequest('GET', '/owners/42', (req) => req.headers({ 'x-partner-token': PLACEHOLDER, accept: 'application/json' }))
      .willRespondWith(200, (res) => res.headers(JSON_TYPE).jsonBody({ id: integer(42), name: like('Ada Lovelace') }))
      .executeTest(async (server) => {
        const owner = await new AdoptionPartnerClient(server.url, creds).owner(42);
        expect(owner.name).toBe('Ada Lovelace');
      }));
});
