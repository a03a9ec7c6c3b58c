#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx): no build step between a change and the CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
// The command is done: whatever handle a library left open must not keep a pipeline step waiting.
setTimeout(() => process.exit(), 2000).unref();
