/**
 * The adoption partner's integration client: a back-office system that places adoption orders with its API key
 * and a partner JWT, tracks them, and looks up owners through the Lambda-authorized partner token.
 */

export interface PartnerCredentials {
  apiKey: string;
  /** OAuth access token (sent as a Bearer token). */
  accessToken: string;
  /** Token for the partner authorizer (X-Partner-Token). */
  partnerToken: string;
}

export interface Order {
  id: string;
  petId: string;
  ownerId: number;
  state: string;
}

export interface Owner {
  id: number;
  name: string;
}

export class AdoptionPartnerClient {
  constructor(
    private readonly baseUrl: string,
    private readonly credentials: PartnerCredentials,
  ) {}

  placeOrder(order: { petId: string; ownerId: number; note?: string }): Promise<Order> {
    return this.call('POST', '/orders', {
      headers: { 'x-api-key': this.credentials.apiKey, authorization: `Bearer ${this.credentials.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(order),
    });
  }

  order(orderId: string): Promise<Order> {
    return this.call('GET', `/orders/${encodeURIComponent(orderId)}`, { headers: { authorization: `Bearer ${this.credentials.accessToken}` } });
  }

  owner(ownerId: number): Promise<Owner> {
    return this.call('GET', `/owners/${ownerId}`, { headers: { 'x-partner-token': this.credentials.partnerToken } });
  }

  private async call<T>(method: string, path: string, init: { headers: Record<string, string>; body?: string }): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers: { accept: 'application/json', ...init.headers }, body: init.body });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
    return (await response.json()) as T;
  }
}
