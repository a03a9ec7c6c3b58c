/**
 * Signs a request where it is sent (a SigV4 signature covers the host, the exact target and the body): gets
 * the request exactly as it goes on the wire (`path`: the raw request target, stage prefix and query
 * included) and returns the headers to send, its own plus the signature's. auth makes signers, http applies them.
 */
export type RequestSigner = (request: {
  method: string;
  origin: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}) => Promise<Record<string, string>>;
