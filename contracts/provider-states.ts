/**
 * Provider-state handlers for `gateproof contracts verify` (used when `contracts.stateHandlers` in
 * gateproof.config.ts names no other module). Each state a pact is given must have a handler here, or its
 * interactions fail verification: a state nobody sets up is a test that passes by luck.
 *
 * The bundled local gateway answers from an echo backend that needs no data, so these handlers only document
 * what each state means. Against a deployed stage, seed or look up the data here (e.g. through an admin API)
 * and return values the pact's provider-state generators may use.
 */
import type { StateHandlers } from '../src/contracts/state-handlers.ts';

const handlers: StateHandlers = {
  'a pet exists': async () => undefined,
  'a pet is available for adoption': async () => undefined,
  'an adoption order exists': async () => undefined,
  'an owner exists': async () => undefined,
};

export default handlers;
