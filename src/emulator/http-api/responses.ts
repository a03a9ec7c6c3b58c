import type { Reply } from '../responses.ts';

/**
 * The gateway's own answers of an HTTP API (API Gateway v2), byte for byte: `{"message":"..."}` without a space,
 * application/json, no x-amzn-ErrorType (shared/reference/aws-api-gateway.md, HTTP API section). HTTP APIs have
 * no custom gateway responses, so these are the only words. Documented: Not Found, Unauthorized with
 * www-authenticate, Too Many Requests, Internal Server Error; observed on AWS: Forbidden for a scope or Lambda
 * authorizer denial; not documented (chosen to look alike): the 413 and 504 wordings.
 */

export interface HttpError {
  status: number;
  message: string;
  /** e.g. www-authenticate of a JWT authorizer. */
  headers?: Record<string, string>;
}

export const HTTP_ERRORS = {
  notFound: { status: 404, message: 'Not Found' },
  unauthorized: { status: 401, message: 'Unauthorized' },
  forbidden: { status: 403, message: 'Forbidden' },
  throttled: { status: 429, message: 'Too Many Requests' },
  tooLarge: { status: 413, message: 'Request Entity Too Large' },
  internal: { status: 500, message: 'Internal Server Error' },
  integrationTimeout: { status: 504, message: 'Service Unavailable' },
} satisfies Record<string, HttpError>;

export const httpErrorBody = (message: string): Buffer => Buffer.from(`{"message":${JSON.stringify(message)}}`);

export function httpErrorReply(error: HttpError): Reply {
  return { status: error.status, headers: { 'content-type': 'application/json', ...error.headers }, body: httpErrorBody(error.message) };
}
