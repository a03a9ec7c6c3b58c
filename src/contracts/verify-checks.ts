import type { CheckResult, Evidence } from '../domain/result.ts';
import { redactHeaders } from '../secrets/redact.ts';
import type { PactInteraction } from './pact-file.ts';
import type { RecordedExchange } from './request-filter.ts';
import { requestTarget } from './spec-check.ts';
import type { StateEvent } from './state-handlers.ts';
import { contractCheckId, contractCheckTitle, nameInteractions } from './subject.ts';
import type { InteractionVerdict } from './verifier-result.ts';

export interface StageVerification {
  stage: string;
  baseURL: string;
  verdicts: InteractionVerdict[];
  exchanges: RecordedExchange[];
  states: StateEvent[];
  /** The spec operation ("METHOD /template") an interaction addresses, or its literal method and path. */
  operationOf: (interaction: PactInteraction) => string;
  /** What the route oracle in the answer says is wrong (see oracle.ts); none when not given. */
  oracle?: (interaction: PactInteraction, exchange: RecordedExchange | undefined) => string[];
}

/** One contract.verify check per verified interaction of a stage, with the mismatch and the exchange as evidence. Pure. */
export function verificationChecks(v: StageVerification): CheckResult[] {
  const subjects = nameInteractions(
    v.verdicts.map((d) => d.interaction),
    v.operationOf,
  );
  const pool = [...v.exchanges];
  return subjects.map((subject, k) => {
    const verdict = v.verdicts[k]!;
    const { interaction } = verdict;
    const exchange = takeExchange(pool, interaction);
    const problems = [...stateProblemsOf(interaction, v.states), ...(verdict.result === 'missing' ? [] : (v.oracle?.(interaction, exchange) ?? []))];
    const missing = [...new Set(exchange?.missing ?? [])];
    const kind = 'contract.verify' as const;
    let status: CheckResult['status'] = verdict.result === 'ok' && problems.length === 0 ? 'passed' : 'failed';
    let actual =
      verdict.result === 'missing'
        ? 'the verifier did not verify this interaction'
        : [...problems, ...verdict.mismatches].join('; ') ||
          (verdict.result === 'ok'
            ? `as expected (status ${exchange?.status ?? interaction.response.status})`
            : 'the verifier reported a failure without details');
    if (status === 'failed' && missing.length) {
      status = 'skipped';
      actual = `stage ${v.stage} has no ${missing.join(', ')} credential in the config, so the interaction could not be verified as its consumer would call it`;
    } else if (status === 'failed' && verdict.pending) {
      status = 'skipped';
      actual = `pending pact (does not fail the build yet): ${actual}`;
    }
    return {
      id: contractCheckId(v.stage, kind, subject),
      kind,
      stage: v.stage,
      operation: subject.operation,
      status,
      expected: `the gateway gives ${interaction.consumer} what its pact expects: status ${interaction.response.status}${interaction.response.body !== undefined ? ' and a matching body' : ''}`,
      actual,
      evidence: [evidenceOf(v.baseURL, interaction, exchange, verdict, problems)],
      title: contractCheckTitle(v.stage, kind, subject),
    } satisfies CheckResult;
  });
}

function evidenceOf(
  baseURL: string,
  interaction: PactInteraction,
  exchange: RecordedExchange | undefined,
  verdict: InteractionVerdict,
  problems: string[],
): Evidence {
  const target = exchange?.target ?? requestTarget(interaction);
  const evidence: Evidence = { request: `${exchange?.method ?? interaction.request.method} ${baseURL.replace(/\/+$/, '')}${target}` };
  if (exchange) evidence.requestHeaders = redactHeaders(withoutHopHeaders(exchange.requestHeaders));
  const status = exchange?.status ?? verdict.actualStatus;
  if (status !== undefined) evidence.status = status;
  if (exchange?.responseHeaders) evidence.responseHeaders = redactHeaders(exchange.responseHeaders);
  if (exchange?.bodyExcerpt) evidence.bodyExcerpt = exchange.bodyExcerpt;
  const notes = [...problems, ...verdict.mismatches];
  const states = interaction.states.map((s) => s.name);
  evidence.note = [states.length ? `given ${states.join(' and ')}` : '', ...notes, `pact: ${interaction.source}`].filter(Boolean).join('\n');
  return evidence;
}

/** The first recorded exchange for the interaction's method and target (query order ignored). */
function takeExchange(pool: RecordedExchange[], interaction: PactInteraction): RecordedExchange | undefined {
  const want = normalizeTarget(requestTarget(interaction));
  const at = pool.findIndex((e) => e.method === interaction.request.method && normalizeTarget(e.target) === want);
  return at >= 0 ? pool.splice(at, 1)[0] : undefined;
}

function normalizeTarget(target: string): string {
  const url = new URL(target, 'http://x.invalid');
  const query = [...url.searchParams].sort(([a, x], [b, y]) => a.localeCompare(b) || x.localeCompare(y));
  return `${decodeURIComponent(url.pathname)}?${new URLSearchParams(query).toString()}`;
}

function stateProblemsOf(interaction: PactInteraction, events: StateEvent[]): string[] {
  const problems: string[] = [];
  for (const state of interaction.states) {
    if (events.some((e) => e.state === state.name && e.outcome === 'missing')) {
      problems.push(`no provider-state handler for "${state.name}" (add it to the module named by contracts.stateHandlers)`);
    }
    const error = events.find((e) => e.state === state.name && e.outcome === 'error');
    if (error) problems.push(`provider-state handler "${state.name}" failed on ${error.action}: ${error.message ?? 'error'}`);
  }
  return problems;
}

const withoutHopHeaders = (headers: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).filter(([k]) => !['host', 'connection', 'content-length', 'accept-encoding'].includes(k)));
