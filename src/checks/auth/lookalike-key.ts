import { randomInt } from 'node:crypto';

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();
const DIGITS = '0123456789';

/**
 * A key with the same shape as `real` (same length, each letter/digit replaced by a random one of its class,
 * separators kept) that is none of the `known` keys: well-formed, so only its value can make the gateway
 * reject it.
 */
export function lookalikeKey(real: string, known: readonly string[] = [], random: (max: number) => number = randomInt): string {
  for (;;) {
    let out = '';
    for (const c of real) {
      const pool = LOWER.includes(c) ? LOWER : UPPER.includes(c) ? UPPER : DIGITS.includes(c) ? DIGITS : undefined;
      out += pool ? pool[random(pool.length)] : c;
    }
    if (out !== real && !known.includes(out)) return out;
  }
}
