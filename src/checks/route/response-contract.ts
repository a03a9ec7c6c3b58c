import type { HttpResponse } from '../../http/client.ts';
import type { Operation, ResponseSpec } from '../../openapi/model.ts';
import { schemaProblems } from './body-schema.ts';

/** The documented response for a status: exact code, then its class (2XX), then default. */
export function documentedResponse(op: Pick<Operation, 'responses'>, status: number): ResponseSpec | undefined {
  const code = String(status);
  return (
    op.responses.find((r) => r.status === code) ??
    op.responses.find((r) => r.status.toUpperCase() === `${code[0]}XX`) ??
    op.responses.find((r) => r.status === 'default')
  );
}

export interface ContractFindings {
  problems: string[];
  notes: string[];
}

/** A response against the operation's documented responses: status, content type, body schema. Pure. */
export function responseContract(op: Pick<Operation, 'responses'>, response: Pick<HttpResponse, 'status' | 'headers' | 'body'>): ContractFindings {
  const findings: ContractFindings = { problems: [], notes: [] };
  const documented = documentedResponse(op, response.status);
  if (!documented) {
    findings.problems.push(`status ${response.status} is not documented (documented: ${op.responses.map((r) => r.status).join(', ') || 'none'})`);
    return findings;
  }
  if (documented.content.length === 0) return findings;
  const contentType = (response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const media = documented.content.find((c) => mediaMatches(c.mediaType, contentType));
  if (!media) {
    findings.problems.push(
      `content type "${contentType || '(none)'}" is not documented for ${documented.status} (documented: ${documented.content.map((c) => c.mediaType).join(', ')})`,
    );
    return findings;
  }
  if (!media.schema || !/json/i.test(contentType)) return findings;
  let value: unknown;
  try {
    value = JSON.parse(response.body);
  } catch {
    findings.problems.push('the body is not valid JSON');
    return findings;
  }
  const { problems, uncheckable } = schemaProblems(media.schema, value);
  findings.problems.push(...problems.map((p) => `body ${p}`));
  if (uncheckable) findings.notes.push(uncheckable);
  return findings;
}

/** "application/json" vs documented "application/json", "application/*", "*\/*" or "application/vnd.x+json". */
export function mediaMatches(documented: string, actual: string): boolean {
  const [type, subtype] = documented.toLowerCase().split(';')[0]!.trim().split('/');
  const [aType, aSubtype] = actual.split('/');
  if (!type || !aType) return false;
  return (type === '*' || type === aType) && (subtype === '*' || subtype === aSubtype);
}
