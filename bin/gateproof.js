#!/usr/bin/env node
// gateproof's CLI. From a checkout it runs the TypeScript sources through tsx (no build step between a change
// and the CLI); the installed package has no src/ and runs the JavaScript that `npm pack` compiled into dist/.
import { existsSync } from 'node:fs';

const source = new URL('../src/cli/main.ts', import.meta.url);
let main;
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(source.href));
} else {
  ({ main } = await import('../dist/src/cli/main.js'));
}
process.exitCode = await main(process.argv.slice(2));
// The command is done: whatever handle a library left open must not keep a pipeline step waiting.
setTimeout(() => process.exit(), 2000).unref();
