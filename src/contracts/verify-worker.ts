/**
 * Child-process entry for one stage's Pact verification (spawned by verify-process.ts through bin/run-ts.js).
 * Pact's native verifier prints straight to stdout; running it here lets the parent redact every line it
 * prints before anyone sees it. Receives a VerifyJob over IPC, answers a VerifyJobResult, then ends.
 */
import { Verifier } from '@pact-foundation/pact';
import { credentialFilter, type RecordedExchange } from './request-filter.ts';
import { loadStateHandlers, recordingStateHandlers, type StateEvent } from './state-handlers.ts';
import type { VerifyJob, VerifyJobResult } from './verify-job.ts';

process.env.PACT_DO_NOT_TRACK = 'true';

export async function runVerifyJob(job: VerifyJob): Promise<VerifyJobResult> {
  const states: StateEvent[] = [];
  const exchanges: RecordedExchange[] = [];
  const recording = recordingStateHandlers(await loadStateHandlers(job.stateHandlersModule), states);
  const broker = job.broker;
  const verifier = new Verifier({
    provider: job.provider,
    providerBaseUrl: job.providerBaseUrl,
    logLevel: job.logLevel,
    failIfNoPactsFound: true,
    timeout: job.requestTimeoutMs,
    requestFilter: credentialFilter(job.credentials, exchanges, recording.onSetupRequest) as never,
    stateHandlers: recording.handlers as never,
    ...(broker
      ? {
          pactBrokerUrl: broker.url,
          ...(broker.token ? { pactBrokerToken: broker.token } : {}),
          ...(broker.username ? { pactBrokerUsername: broker.username, pactBrokerPassword: broker.password ?? '' } : {}),
          consumerVersionSelectors: broker.selectors as never,
          enablePending: broker.enablePending,
          ...(broker.includeWipPactsSince ? { includeWipPactsSince: broker.includeWipPactsSince } : {}),
          ...(broker.providerVersion
            ? {
                publishVerificationResult: true,
                providerVersion: broker.providerVersion,
                ...(broker.providerBranch ? { providerVersionBranch: broker.providerBranch } : {}),
                ...(broker.buildUrl ? { buildUrl: broker.buildUrl } : {}),
              }
            : {}),
        }
      : { pactUrls: job.pactFiles }),
  });
  let text: string;
  try {
    text = String(await verifier.verifyProvider());
  } catch (e) {
    text = (e as Error)?.message ?? String(e);
  }
  try {
    return { verifierJson: JSON.parse(text), states, exchanges };
  } catch {
    return { failure: text, states, exchanges };
  }
}

process.once('message', (job: VerifyJob) => {
  runVerifyJob(job)
    .catch((e: unknown): VerifyJobResult => ({ failure: (e as Error)?.message ?? String(e), states: [], exchanges: [] }))
    .then((result) => process.send?.(result, () => process.disconnect()));
});
