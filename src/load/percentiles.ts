import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { quantile } from '../throttle-probe/stats.ts';
import { OPERATION_TAG } from '../../scenarios/lib/plan-types.ts';

export interface Percentiles {
  operation: string;
  count: number;
  p50?: number;
  p90?: number;
  p95?: number;
  p99?: number;
}

/** Samples kept per operation (reservoir): percentiles of a long soak without holding every point. */
const RESERVOIR = 20_000;

/**
 * Latency percentiles (ms) per operation and overall ("*") from k6's raw JSON output (gzip), reading the
 * http_req_duration points by their `operation` tag. In the throttle scenario (points tagged with a gp_phase)
 * the connection warm-ups, the burst and the throttled answers are left out, as in its latency thresholds:
 * the figures are of accepted requests of the paced phases.
 */
export async function percentilesFromRaw(path: string, throttledStatuses: readonly number[] = [429]): Promise<Percentiles[]> {
  const throttled = new Set(throttledStatuses.map(String));
  if (!existsSync(path)) return [];
  const samples = new Map<string, { values: number[]; seen: number }>();
  const add = (key: string, v: number): void => {
    const s = samples.get(key) ?? { values: [], seen: 0 };
    s.seen += 1;
    if (s.values.length < RESERVOIR) s.values.push(v);
    else {
      const j = Math.floor(Math.random() * s.seen);
      if (j < RESERVOIR) s.values[j] = v;
    }
    samples.set(key, s);
  };
  const stream = path.endsWith('.gz') ? createReadStream(path).pipe(createGunzip()) : createReadStream(path);
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    if (!line.includes('"http_req_duration"') || !line.includes('"Point"')) continue;
    const point = JSON.parse(line) as { metric: string; type: string; data: { value: number; tags?: Record<string, string> } };
    if (point.metric !== 'http_req_duration' || point.type !== 'Point') continue;
    const tags = point.data.tags ?? {};
    if (tags.gp_phase && (tags.gp_phase === 'warm-up' || tags.gp_phase === 'burst' || throttled.has(tags.status ?? ''))) continue;
    const op = tags[OPERATION_TAG];
    if (op) add(op, point.data.value);
    add('*', point.data.value);
  }
  return [...samples.entries()]
    .sort(([a], [b]) => (a === '*' ? 1 : b === '*' ? -1 : a.localeCompare(b)))
    .map(([operation, s]) => ({
      operation,
      count: s.seen,
      p50: round(quantile(s.values, 0.5)),
      p90: round(quantile(s.values, 0.9)),
      p95: round(quantile(s.values, 0.95)),
      p99: round(quantile(s.values, 0.99)),
    }));
}

const round = (v: number | undefined): number | undefined => (v === undefined ? undefined : Math.round(v * 100) / 100);
