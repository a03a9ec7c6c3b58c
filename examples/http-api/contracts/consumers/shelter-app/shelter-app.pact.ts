import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { newPact, PLACEHOLDER } from '../../../../../contracts/consumers/support.ts';
import { ShelterAppClient } from './client.ts';

const { eachLike, integer, like, regex, uuid } = MatchersV3;

/**
 * shelter-app -> the Pet Adoption HTTP API. Credentials are the placeholder: the pact records that the app sends a
 * Bearer token on pet pages and adoptions and the shelter token on its profile, never their values. The provider is
 * named as in examples/http-api/gateproof.config.ts (contracts.provider).
 */
const PROVIDER = 'pet-adoption-http-api';
const pact = newPact('shelter-app', PROVIDER);
const creds = { accessToken: PLACEHOLDER, shelterToken: PLACEHOLDER };
const JSON_TYPE = { 'Content-Type': regex('application/json.*', 'application/json') };
const pet = {
  id: regex('^[a-z0-9-]{6,36}$', 'whisk-0042'),
  name: like('Whiskers'),
  species: regex('^(dog|cat|bird)$', 'cat'),
  status: regex('^(available|pending|adopted)$', 'available'),
};
const adoption = {
  id: uuid('0b9d3c1e-7a42-4f6e-8c15-2d3e4f5a6b7c'),
  petId: like('whisk-0042'),
  state: regex('^(received|approved|completed)$', 'received'),
};

describe('shelter-app -> Pet Adoption HTTP API', () => {
  it('browses the cats up for adoption without signing in', () =>
    pact
      .addInteraction()
      .given('pets are up for adoption')
      .uponReceiving('a request for the cats up for adoption')
      .withRequest('GET', '/pets', (req) => req.query({ species: 'cat' }).headers({ accept: 'application/json' }))
      .willRespondWith(200, (res) => res.headers(JSON_TYPE).jsonBody(eachLike(pet)))
      .executeTest(async (server) => {
        const pets = await new ShelterAppClient(server.url, creds).pets('cat');
        expect(pets[0]?.species).toBe('cat');
      }));

  it("opens a pet page with the staff member's token", () =>
    pact
      .addInteraction()
      .given('a pet exists', { petId: 'whisk-0042' })
      .uponReceiving('a request for one pet with a bearer token')
      .withRequest('GET', '/pets/whisk-0042', (req) => req.headers({ authorization: `Bearer ${PLACEHOLDER}`, accept: 'application/json' }))
      .willRespondWith(200, (res) => res.headers(JSON_TYPE).jsonBody(pet))
      .executeTest(async (server) => {
        const found = await new ShelterAppClient(server.url, creds).pet('whisk-0042');
        expect(found.name).toBe('Whiskers');
      }));

  it('files an adoption', () =>
    pact
      .addInteraction()
      .given('a pet is available for adoption', { petId: 'whisk-0042' })
      .uponReceiving('an adoption application for an available pet')
      .withRequest('POST', '/adoptions', (req) =>
        req
          .headers({ authorization: `Bearer ${PLACEHOLDER}`, 'content-type': 'application/json', accept: 'application/json' })
          .jsonBody({ petId: 'whisk-0042', applicant: 'Grace Hopper' }),
      )
      .willRespondWith(201, (res) => res.headers(JSON_TYPE).jsonBody(adoption))
      .executeTest(async (server) => {
        const filed = await new ShelterAppClient(server.url, creds).adopt({ petId: 'whisk-0042', applicant: 'Grace Hopper' });
        expect(filed.state).toBe('received');
      }));

  it('loads its shelter profile with the shelter token', () =>
    pact
      .addInteraction()
      .given('a shelter exists', { shelterId: 7 })
      .uponReceiving('a request for a shelter profile')
      .withRequest('GET', '/shelters/7', (req) => req.headers({ 'x-shelter-token': PLACEHOLDER, accept: 'application/json' }))
      .willRespondWith(200, (res) => res.headers(JSON_TYPE).jsonBody({ id: integer(7), name: like('North Shore Shelter') }))
      .executeTest(async (server) => {
        const shelter = await new ShelterAppClient(server.url, creds).shelter(7);
        expect(shelter.name).toBe('North Shore Shelter');
      }));
});
