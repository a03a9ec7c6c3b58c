import { GateproofError } from '../domain/errors.ts';

/** "500ms", "20s", "15m", "1h" -> seconds; a usage error names the flag otherwise. */
export function parseDuration(text: string, flag = '--duration'): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text.trim());
  if (!m) throw new GateproofError('USAGE', `${flag}: "${text}" is not a duration`, { hint: 'write e.g. 500ms, 20s, 5m or 1h' });
  const value = Number(m[1]);
  return value * { ms: 0.001, s: 1, m: 60, h: 3600 }[m[2] as 'ms' | 's' | 'm' | 'h'];
}

export const formatSeconds = (s: number): string => (s >= 120 ? `${(s / 60).toFixed(1)} min` : `${s.toFixed(s < 10 ? 1 : 0)} s`);
