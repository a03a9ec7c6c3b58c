import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { newPact, PLACEHOLDER } from '../support.ts';
import { PetPortalClient } from './client.ts';

const { eachLike, like, regex } = MatchersV3;

/**
 * pet-portal: the public web app. Anonymous visitors browse the catalogue and photos; the portal's own API key
 * (a placeholder here) unlocks the pet list and pet pages. It relies only on the fields it renders.
 */
const pact = newPact('pet-portal');
const JSON_TYPE = { 'Content-Type': regex('application/json.*', 'application/json') };
const pet = {
  id: regex('^[a-z0-9-]{6,36}$', 'rex-0001'),
  name: like('Rex'),
  species: regex('^(dog|cat|bird)$', 'dog'),
  status: regex('^(available|pending|adopted)$', 'available'),
};

describe('pet-portal -> Petstore Partner API', () => {
  it('shows the species catalogue to anonymous visitors', () =>
    pact
      .addInteraction()
      .uponReceiving('a request for the dog catalogue')
      .withRequest('GET', '/catalog', (req) => req.query({ species: 'dog' }).headers({ accept: 'application/json' }))
      .willRespondWith(200, (res) => res.headers(JSON_TYPE).jsonBody(eachLike({ species: regex('^(dog|cat|bird)$', 'dog'), breeds: eachLike('labrador') })))
      .executeTest(async (server) => {
        const entries = await new PetPortalClient(server.url, PLACEHOLDER).catalog('dog');
        expect(entries[0]?.species).toBe('dog');
      }));

  it('lists a page of pets with its API key', () =>
    pact
      .addInteraction()
      .uponReceiving('a request for the first page of pets')
      .withRequest('GET', '/pets', (req) => req.query({ limit: '10' }).headers({ accept: 'application/json', 'x-api-key': PLACEHOLDER }))
      .willRespondWith(200, (res) => res.headers(JSON_TYPE).jsonBody(eachLike(pet)))
      .executeTest(async (server) => {
        const pets = await new PetPortalClient(server.url, PLACEHOLDER).listPets({ limit: 10 });
        expect(pets[0]).toMatchObject({ id: 'rex-0001', name: 'Rex' });
      }));

  it('opens a pet page', () =>
    pact
      .addInteraction()
      .given('a pet exists', { petId: 'rex-0001' })
      .uponReceiving('a request for one pet')
      .withRequest('GET', '/pets/rex-0001', (req) => req.headers({ accept: 'application/json', 'x-api-key': PLACEHOLDER }))
      .willRespondWith(200, (res) => res.headers(JSON_TYPE).jsonBody(pet))
      .executeTest(async (server) => {
        const found = await new PetPortalClient(server.url, PLACEHOLDER).pet('rex-0001');
        expect(found.status).toBe('available');
      }));

  it("shows a pet's photos without a key", () =>
    pact
      .addInteraction()
      .given('a pet exists', { petId: 'rex-0001' })
      .uponReceiving("a request for a pet's photos")
      .withRequest('GET', '/pets/rex-0001/photos', (req) => req.headers({ accept: 'application/json' }))
      .willRespondWith(200, (res) =>
        res.headers(JSON_TYPE).jsonBody(eachLike({ url: regex('^https?://\\S+$', 'https://img.petstore.example/rex-0001/1.jpg') })),
      )
      .executeTest(async (server) => {
        const photos = await new PetPortalClient(server.url, PLACEHOLDER).photos('rex-0001');
        expect(photos[0]?.url).toMatch(/^https:/);
      }));
});
