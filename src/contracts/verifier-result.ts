import type { PactInteraction } from './pact-file.ts';

/** The native verifier's JSON (pactffi_verifier_json), the parts gateproof reads. */
export interface VerifierJson {
  result?: boolean;
  interactionResults?: { description?: string; result?: string; duration?: string }[];
  errors?: VerifierError[];
  pendingErrors?: VerifierError[];
  output?: string[];
  notices?: unknown[];
}
interface VerifierError {
  interaction?: string;
  mismatch?: { type?: string; message?: string; mismatches?: Mismatch[] };
}
interface Mismatch {
  type?: string;
  expected?: unknown;
  actual?: unknown;
  mismatch?: string;
  path?: string;
  key?: string;
}

/** What the verifier said about one interaction. */
export interface InteractionVerdict {
  interaction: PactInteraction;
  /** Missing: the verifier never reported the interaction. */
  result: 'ok' | 'error' | 'missing';
  pending: boolean;
  mismatches: string[];
  /** The actual status, when a status mismatch names it. */
  actualStatus?: number;
}

/**
 * Maps the verifier's per-interaction results onto the interactions of the pacts. `interactionResults` carry only
 * the description, in verification order; the printed output says which pact (consumer) each belongs to, and
 * `errors` name "Verifying a pact between <consumer> and <provider> [Given <state>] - <description>" with the
 * mismatches. Interactions not covered by the pacts given (broker pacts) are returned with a synthetic pact entry.
 */
export function readVerdicts(json: VerifierJson, interactions: PactInteraction[]): { verdicts: InteractionVerdict[]; unattributed: string[] } {
  const consumers = [...new Set(interactions.map((i) => i.consumer))].sort((a, b) => b.length - a.length);
  const owners = resultOwners(json.output ?? [], consumers);
  const results = json.interactionResults ?? [];
  const unassigned = [...interactions];
  const verdicts: InteractionVerdict[] = [];
  results.forEach((r, k) => {
    const description = r.description ?? '';
    const owner = owners.length === results.length ? owners[k] : undefined;
    const at = unassigned.findIndex((i) => i.description === description && (owner === undefined || i.consumer === owner));
    const interaction = at >= 0 ? unassigned.splice(at, 1)[0]! : synthetic(description, owner ?? 'unknown consumer');
    verdicts.push({ interaction, result: r.result === 'OK' ? 'ok' : 'error', pending: interaction.pending, mismatches: [] });
  });
  for (const interaction of unassigned) verdicts.push({ interaction, result: 'missing', pending: interaction.pending, mismatches: [] });
  const unattributed: string[] = [];
  for (const [errors, pending] of [
    [json.errors ?? [], false],
    [json.pendingErrors ?? [], true],
  ] as const) {
    for (const error of errors) {
      const verdict =
        verdicts.find((v) => v.result !== 'ok' && names(error.interaction ?? '', v.interaction) && v.mismatches.length === 0) ??
        verdicts.find((v) => names(error.interaction ?? '', v.interaction));
      if (!verdict) {
        unattributed.push(`${stripAnsi(error.interaction ?? 'verifier')}: ${describeMismatch(error.mismatch).join('; ')}`);
        continue;
      }
      verdict.result = 'error';
      verdict.pending ||= pending;
      verdict.mismatches.push(...describeMismatch(error.mismatch));
      const status = error.mismatch?.mismatches?.find((m) => m.type === 'StatusMismatch')?.actual;
      if (typeof status === 'number') verdict.actualStatus = status;
    }
  }
  return { verdicts, unattributed };
}

/** The consumer of each interaction block in the printed output, in order. */
function resultOwners(output: string[], consumers: string[]): string[] {
  const owners: string[] = [];
  let current: string | undefined;
  for (const raw of output.flatMap((l) => stripAnsi(l).split('\n'))) {
    const pact = /^Verifying a pact between (.+)$/.exec(raw.trim());
    if (pact) {
      current = consumers.find((c) => pact[1]!.startsWith(`${c} and `)) ?? pact[1]!.split(' and ')[0];
      continue;
    }
    if (current !== undefined && /^ {2}\S.* \([^()]*loading, [^()]*verification\)/.test(raw)) owners.push(current);
  }
  return owners;
}

function names(label: string, interaction: PactInteraction): boolean {
  const text = stripAnsi(label);
  return (
    text.startsWith(`Verifying a pact between ${interaction.consumer} and `) &&
    text.endsWith(` - ${interaction.description}`) &&
    interaction.states.every((s) => text.includes(s.name))
  );
}

export function describeMismatch(mismatch: VerifierError['mismatch']): string[] {
  if (!mismatch) return [];
  if (mismatch.type === 'error' || !mismatch.mismatches) return [stripAnsi(mismatch.message ?? 'the request failed')];
  const statusFirst = [...mismatch.mismatches].sort((a, b) => Number(b.type === 'StatusMismatch') - Number(a.type === 'StatusMismatch'));
  return statusFirst.map((m) => {
    const text = stripAnsi(m.mismatch ?? `${m.type}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`);
    if (m.type === 'BodyMismatch' && m.path) return `body ${m.path}: ${text}`;
    if (m.type === 'HeaderMismatch' && m.key) return `header ${m.key}: ${text}`;
    if (m.type === 'StatusMismatch') return `status: ${text}`;
    return text;
  });
}

function synthetic(description: string, consumer: string): PactInteraction {
  return {
    consumer,
    provider: '',
    description,
    states: [],
    pending: false,
    source: 'broker',
    index: -1,
    request: { method: '?', path: '?', query: {}, headers: {} },
    response: { status: 0, headers: {} },
  };
}

export const stripAnsi = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '');
