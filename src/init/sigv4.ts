import { configSchema } from '../config/schema.ts';

/**
 * Whether this version's config takes SigV4 credentials (`credentials.sigv4`), so init scaffolds them for IAM
 * routes; otherwise it says those routes' signed checks cannot run. Asked of the config schema itself.
 */
export function configTakesSigv4(): boolean {
  const sigv4 = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', region: 'us-east-1', service: 'execute-api' };
  return configSchema.safeParse({ spec: 'openapi.yaml', stages: { dev: { baseURL: 'https://api.example.com/dev', credentials: { sigv4 } } } }).success;
}

/** The AWS region a spec names: an execute-api host, else a regional ARN in an integration (AWS exports). Pure. */
export function specRegion(urls: readonly string[], arns: readonly string[]): string | undefined {
  for (const url of urls) {
    const region = /\.execute-api\.([a-z]{2}(?:-[a-z]+)+-\d)\.amazonaws\.com/.exec(url)?.[1];
    if (region) return region;
  }
  for (const arn of arns) {
    const region = /^arn:aws[a-z-]*:[a-z0-9-]+:([a-z]{2}(?:-[a-z]+)+-\d):/.exec(arn)?.[1];
    if (region) return region;
  }
  return undefined;
}
