import { readFileSync } from 'node:fs';
import { parse } from 'dotenv';
import { fileURLToPath } from 'node:url';

/** The placeholder credentials of examples/.env.example, as a CI job would put them in the environment. */
export const exampleEnv = (): Record<string, string> => parse(readFileSync(fileURLToPath(new URL('../../examples/.env.example', import.meta.url)), 'utf8'));
