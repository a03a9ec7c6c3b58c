/** The pet portal's API client (the web app's data layer), as the portal team writes it. */

export interface CatalogEntry {
  species: string;
  breeds: string[];
}

export interface PetSummary {
  id: string;
  name: string;
  species: string;
  status: string;
}

export interface Photo {
  url: string;
}

export class PetPortalClient {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  catalog(species?: string): Promise<CatalogEntry[]> {
    return this.get(`/catalog${species ? `?species=${encodeURIComponent(species)}` : ''}`, false);
  }

  listPets(options: { limit?: number; species?: string } = {}): Promise<PetSummary[]> {
    const query = new URLSearchParams();
    if (options.limit !== undefined) query.set('limit', String(options.limit));
    if (options.species) query.set('species', options.species);
    const qs = query.toString();
    return this.get(`/pets${qs ? `?${qs}` : ''}`, true);
  }

  pet(petId: string): Promise<PetSummary> {
    return this.get(`/pets/${encodeURIComponent(petId)}`, true);
  }

  photos(petId: string): Promise<Photo[]> {
    return this.get(`/pets/${encodeURIComponent(petId)}/photos`, false);
  }

  private async get<T>(path: string, withKey: boolean): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (withKey) headers['x-api-key'] = this.apiKey;
    const response = await fetch(`${this.baseUrl}${path}`, { headers });
    if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
    return (await response.json()) as T;
  }
}
