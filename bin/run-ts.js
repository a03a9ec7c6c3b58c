#!/usr/bin/env node
// Runs a TypeScript entry point (bench, gauntlet, scripts) with tsx: node bin/run-ts.js file.ts [args].
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

register();
const [entry, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], resolve(entry), ...args];
await import(pathToFileURL(resolve(entry)).href);
