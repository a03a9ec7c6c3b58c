/** Consumer contracts: pact vs spec (contract.spec), Pact verification through the gateway (contract.verify), broker. */
export { runContractsPart, specCheckPart, verifyPart, CHECK_PART, VERIFY_PART, type ContractsPartOptions } from './run.ts';
export { runContractsDemo } from './demo-part.ts';
export { checkPactsAgainstSpec, SPEC_STAGE } from './spec-check.ts';
export { compareWithSpec, type SpecComparison } from './spec-compare.ts';
export { readPactDir, parsePact, type Pact, type PactInteraction } from './pact-file.ts';
export { PLACEHOLDER, isPlaceholder } from './placeholder.ts';
export { BrokerClient, brokerFromEnv, DEFAULT_SELECTORS, type BrokerAuth } from './broker.ts';
export { regeneratePacts } from './regenerate.ts';
export type { StateHandlers, StateHandler } from './state-handlers.ts';
