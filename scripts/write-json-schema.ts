import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { configSchema } from '../src/config/schema.ts';

/** Writes gateproof.schema.json (editor completion for JSON configs and `$schema`). */
const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' });
const target = process.argv[2] ?? 'gateproof.schema.json';
writeFileSync(target, `${JSON.stringify({ ...schema, title: 'gateproof config' }, null, 2)}\n`);
console.log(`wrote ${target}`);
