/**
 * Provider-state handlers of the HTTP example (`contracts.stateHandlers` in examples/http-api/gateproof.config.ts).
 * The local gateway answers from an echo backend that needs no data, so these only document what each state
 * means; against a deployed stage, seed or look up the data here.
 */
import type { StateHandlers } from '../../../src/contracts/state-handlers.ts';

const handlers: StateHandlers = {
  'pets are up for adoption': async () => undefined,
  'a pet exists': async () => undefined,
  'a pet is available for adoption': async () => undefined,
  'a shelter exists': async () => undefined,
};

export default handlers;
