/**
 * The shelter app's API client: shelter staff browse the pets up for adoption, open a pet's page and file
 * adoptions with their OAuth access token (JWT), and the app loads its shelter's profile with the shelter token
 * the Lambda authorizer checks.
 */

export interface AppCredentials {
  /** OAuth access token (sent as a Bearer token). */
  accessToken: string;
  /** Token for the shelter authorizer (X-Shelter-Token). */
  shelterToken: string;
}

export interface Pet {
  id: string;
  name: string;
  species: string;
  status: string;
}

export interface Adoption {
  id: string;
  petId: string;
  state: string;
}

export interface Shelter {
  id: number;
  name: string;
}

export class ShelterAppClient {
  constructor(
    private readonly baseUrl: string,
    private readonly credentials: AppCredentials,
  ) {}

  pets(species: string): Promise<Pet[]> {
    return this.call('GET', `/pets?species=${encodeURIComponent(species)}`, {});
  }

  pet(petId: string): Promise<Pet> {
    return this.call('GET', `/pets/${encodeURIComponent(petId)}`, { authorization: `Bearer ${this.credentials.accessToken}` });
  }

  adopt(application: { petId: string; applicant: string }): Promise<Adoption> {
    return this.call(
      'POST',
      '/adoptions',
      { authorization: `Bearer ${this.credentials.accessToken}`, 'content-type': 'application/json' },
      JSON.stringify(application),
    );
  }

  shelter(shelterId: number): Promise<Shelter> {
    return this.call('GET', `/shelters/${shelterId}`, { 'x-shelter-token': this.credentials.shelterToken });
  }

  private async call<T>(method: string, path: string, headers: Record<string, string>, body?: string): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers: { accept: 'application/json', ...headers }, body });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
    return (await response.json()) as T;
  }
}
