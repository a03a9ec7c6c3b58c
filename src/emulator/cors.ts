import type { IncomingHttpHeaders } from 'node:http';
import type { CorsConfig } from '../openapi/model.ts';

/**
 * CORS as configured by x-amazon-apigateway-cors: preflights (OPTIONS + Origin + Access-Control-Request-Method)
 * are answered for allowed origins; other origins get no CORS headers. Without a CORS configuration the gateway
 * adds no CORS headers at all. The `cors-any` fault answers every preflight for any origin, with credentials.
 */
export class CorsPolicy {
  private readonly origins: Set<string>;
  private readonly wildcard: boolean;

  constructor(
    private readonly config: CorsConfig | undefined,
    private readonly any: boolean,
  ) {
    this.origins = new Set(config?.allowOrigins ?? []);
    this.wildcard = this.origins.has('*');
  }

  /** The gateway answers preflights itself only when CORS is configured (or the fault is on). */
  get handlesPreflight(): boolean {
    return this.any || this.config !== undefined;
  }

  static isPreflight(method: string, headers: IncomingHttpHeaders): boolean {
    return method === 'OPTIONS' && typeof headers.origin === 'string' && typeof headers['access-control-request-method'] === 'string';
  }

  /** Headers of a preflight answer (204); empty when the origin is not allowed. */
  preflight(headers: IncomingHttpHeaders): Record<string, string> {
    const origin = String(headers.origin);
    const requestedMethod = String(headers['access-control-request-method']);
    const requestedHeaders = headers['access-control-request-headers'];
    if (this.any) {
      return {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Allow-Methods': requestedMethod,
        ...(typeof requestedHeaders === 'string' ? { 'Access-Control-Allow-Headers': requestedHeaders } : {}),
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      };
    }
    const out = this.allowOrigin(origin);
    if (!out) return {};
    const config = this.config!;
    if (config.allowMethods.length > 0) out['Access-Control-Allow-Methods'] = config.allowMethods.join(',');
    if (config.allowHeaders.length > 0) out['Access-Control-Allow-Headers'] = config.allowHeaders.join(',');
    if (config.maxAge !== undefined) out['Access-Control-Max-Age'] = String(config.maxAge);
    return out;
  }

  /** CORS headers on an ordinary response (configured origins only; the fault is about preflights). */
  actual(headers: IncomingHttpHeaders): Record<string, string> | undefined {
    const origin = headers.origin;
    if (!this.config || typeof origin !== 'string') return undefined;
    const out = this.allowOrigin(origin);
    if (out && this.config.exposeHeaders?.length) out['Access-Control-Expose-Headers'] = this.config.exposeHeaders.join(',');
    return out;
  }

  private allowOrigin(origin: string): Record<string, string> | undefined {
    if (!this.config || !(this.wildcard || this.origins.has(origin))) return undefined;
    const credentials = this.config.allowCredentials;
    const out: Record<string, string> = { 'Access-Control-Allow-Origin': this.wildcard && !credentials ? '*' : origin };
    if (credentials) out['Access-Control-Allow-Credentials'] = 'true';
    if (!this.wildcard || credentials) out.Vary = 'Origin';
    return out;
  }
}
