import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GateproofConfig } from '../config/load.ts';
import { GateproofError } from '../domain/errors.ts';
import { send, splitBaseURL, TransportError } from '../http/client.ts';
import { redact } from '../secrets/redact.ts';

/** Refuses protected stages unless allowed (exit 2), as every load path must. */
export function assertLoadAllowed(config: GateproofConfig, stage: string, allowProtected = false): void {
  if (config.stages[stage]?.protected && !allowProtected) {
    throw new GateproofError('PROTECTED_STAGE', `stage "${stage}" is marked protected: load and throttle runs are refused`, {
      where: config.configPath,
      hint: 'pass --allow-protected if you really mean to load this stage, or pick another with --stage',
    });
  }
}

/** The target must answer at all before k6 floods it with failures (exit 3 otherwise). */
export async function assertReachable(baseURL: string): Promise<void> {
  const { origin, prefix } = splitBaseURL(baseURL);
  try {
    await send({ method: 'GET', origin, path: `${prefix}/`, timeoutMs: 10_000 });
  } catch (e) {
    if (e instanceof TransportError) {
      throw new GateproofError('TARGET_UNREACHABLE', `${baseURL} cannot be reached: ${e.code} ${e.message}`, {
        hint: 'check the stage baseURL in the config (or its env variable) and that the gateway is up',
      });
    }
    throw e;
  }
}

/**
 * Belt and braces: k6 is given no credential but through its environment (no URL tags either), yet the
 * files of its run that the report links are redacted in place should a registered secret appear in them.
 */
export function scrubFiles(dir: string, names: readonly string[]): void {
  for (const name of names) {
    const path = join(dir, name);
    if (!existsSync(path)) continue;
    const text = readFileSync(path, 'utf8');
    const clean = redact(text);
    if (clean !== text) writeFileSync(path, clean);
  }
}
