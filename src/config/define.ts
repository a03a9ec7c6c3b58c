import type { GateproofConfigInput } from './schema.ts';

/** Typed helper for gateproof.config.ts: `export default defineConfig({...})`. */
export const defineConfig = (config: GateproofConfigInput): GateproofConfigInput => config;
