import { GateproofError } from '../domain/errors.ts';
import { send, splitBaseURL, TransportError, type TransportErrorCode } from './client.ts';

const WHY: Record<TransportErrorCode, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'the host name does not resolve (DNS)',
  ETIMEDOUT: 'no answer in time',
  TLS: 'TLS handshake failed',
  ECONNRESET: 'the connection was reset',
  OTHER: 'the request failed',
};

/**
 * One request per stage before anything runs: any HTTP answer (even a 403) proves the stage is reachable;
 * no answer at all is TARGET_UNREACHABLE (exit 3) naming the stage and its URL, rather than a page of
 * failed checks.
 */
export async function probeStages(stages: Record<string, string>, timeoutMs = 8000): Promise<void> {
  const failures = await Promise.all(Object.entries(stages).map(async ([stage, baseURL]) => probeOne(stage, baseURL, timeoutMs)));
  const first = failures.find((f) => f !== undefined);
  if (first) throw first;
}

async function probeOne(stage: string, baseURL: string, timeoutMs: number): Promise<GateproofError | undefined> {
  let origin: string;
  let prefix: string;
  try {
    ({ origin, prefix } = splitBaseURL(baseURL));
  } catch {
    return new GateproofError('CONFIG_INVALID', `stage "${stage}": baseURL "${baseURL}" is not a URL`, {
      hint: `set stages.${stage}.baseURL to e.g. https://abc.execute-api.eu-west-1.amazonaws.com/${stage}`,
    });
  }
  try {
    await send({ method: 'GET', origin, path: `${prefix}/`, headers: { 'user-agent': 'gateproof' }, timeoutMs });
    return undefined;
  } catch (e) {
    if (!(e instanceof TransportError)) throw e;
    return new GateproofError('TARGET_UNREACHABLE', `stage "${stage}" at ${baseURL} is unreachable: ${WHY[e.code]} (${e.message})`, {
      hint: `check stages.${stage}.baseURL (and the variable it reads), that the gateway is deployed, and that this machine can reach it`,
      cause: e,
    });
  }
}
