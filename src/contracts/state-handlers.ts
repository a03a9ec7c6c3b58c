import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { GateproofError } from '../domain/errors.ts';

/** A provider-state handler: sets the state up (and optionally tears it down); may return values for the request. */
export type StateFunction = (params?: Record<string, unknown>) => Promise<Record<string, unknown> | undefined | void>;
export type StateHandler = StateFunction | { setup?: StateFunction; teardown?: StateFunction };
export type StateHandlers = Record<string, StateHandler>;

/** What happened to each provider state during a verification. */
export interface StateEvent {
  state: string;
  action: 'setup' | 'teardown';
  outcome: 'ok' | 'missing' | 'error';
  message?: string;
}

/** Loads the user's handlers module (default export or `stateHandlers` export). */
export async function loadStateHandlers(modulePath: string | undefined): Promise<StateHandlers> {
  if (!modulePath) return {};
  if (!existsSync(modulePath)) {
    throw new GateproofError('CONFIG_INVALID', `provider-state handlers module not found: ${modulePath}`, {
      where: 'contracts.stateHandlers',
      hint: 'point contracts.stateHandlers at a module exporting { "<state>": async (params) => {...} } (see contracts/provider-states.ts)',
    });
  }
  let module: { default?: unknown; stateHandlers?: unknown };
  try {
    module = (await import(pathToFileURL(modulePath).href)) as typeof module;
  } catch (e) {
    throw new GateproofError('CONFIG_INVALID', `cannot load provider-state handlers: ${(e as Error).message.split('\n')[0]}`, {
      where: modulePath,
      hint: 'fix the error in the module',
      cause: e,
    });
  }
  const handlers = module.default ?? module.stateHandlers;
  if (typeof handlers !== 'object' || handlers === null) {
    throw new GateproofError('CONFIG_INVALID', 'the module exports no handlers object', {
      where: modulePath,
      hint: 'export default { "<state>": async (params) => {...} }',
    });
  }
  return handlers as StateHandlers;
}

/**
 * Wraps the handlers for Pact's verifier so nothing goes unnoticed: a state without a handler and a handler that
 * throws are recorded (Pact would only log a warning and carry on) and turn the interaction's check red.
 */
export function recordingStateHandlers(
  handlers: StateHandlers,
  events: StateEvent[],
): { handlers: StateHandlers; onSetupRequest(state: string, action: string): void } {
  const wrapped: StateHandlers = {};
  for (const [state, handler] of Object.entries(handlers)) {
    const fns = typeof handler === 'function' ? { setup: handler } : handler;
    const wrap = (action: 'setup' | 'teardown', fn: StateFunction | undefined): StateFunction | undefined =>
      fn &&
      (async (params) => {
        try {
          const result = await fn(params);
          events.push({ state, action, outcome: 'ok' });
          return result ?? undefined;
        } catch (e) {
          events.push({ state, action, outcome: 'error', message: (e as Error)?.message ?? String(e) });
          throw e;
        }
      });
    wrapped[state] = { setup: wrap('setup', fns.setup), teardown: wrap('teardown', fns.teardown) };
  }
  return {
    handlers: wrapped,
    onSetupRequest(state, action) {
      if (state && action === 'setup' && !Object.hasOwn(handlers, state)) events.push({ state, action: 'setup', outcome: 'missing' });
    },
  };
}
