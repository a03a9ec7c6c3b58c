import type { RecordedExchange, CredentialPlan } from './request-filter.ts';
import type { StateEvent } from './state-handlers.ts';

/** Consumer version selectors (Pact Broker), e.g. { mainBranch: true } or { deployedOrReleased: true }. */
export type ConsumerVersionSelector = Record<string, string | boolean>;

export interface BrokerSource {
  url: string;
  token?: string;
  username?: string;
  password?: string;
  selectors: ConsumerVersionSelector[];
  enablePending: boolean;
  includeWipPactsSince?: string;
  /** Publishing happens when a provider version is known. */
  providerVersion?: string;
  providerBranch?: string;
  buildUrl?: string;
}

/** One stage's verification, handed to the worker process over IPC (so no credential is in argv or env). */
export interface VerifyJob {
  stage: string;
  provider: string;
  /** The stage's base URL, stage prefix included (http://127.0.0.1:4010/dev). */
  providerBaseUrl: string;
  /** Local pact files (when no broker). */
  pactFiles: string[];
  broker?: BrokerSource;
  credentials: CredentialPlan;
  stateHandlersModule?: string;
  logLevel: 'warn' | 'error' | 'info' | 'debug';
  requestTimeoutMs: number;
}

/** The worker's answer. `verifierJson` is the native verifier's structured result (see verifier-result.ts). */
export interface VerifyJobResult {
  verifierJson?: unknown;
  /** The verifier could not run (bad arguments, crash, broker unreachable): its message. */
  failure?: string;
  states: StateEvent[];
  exchanges: RecordedExchange[];
}
