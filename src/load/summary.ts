/** The k6 summary export (--summary-export): metrics by name, each with its thresholds (pure). */
export interface K6Summary {
  metrics: Record<string, Record<string, unknown> & { thresholds?: Record<string, boolean> }>;
}

export interface ThresholdResult {
  /** Full metric name as in options.thresholds, e.g. http_req_duration{operation:GET /pets} */
  metric: string;
  /** Metric without tags: http_req_duration */
  base: string;
  tags: Record<string, string>;
  /** e.g. p(95)<150 */
  expression: string;
  ok: boolean;
  /** The figure the expression tests (p(95), rate, count, ...), when the summary has it. */
  stat: string;
  value?: number;
  /** Samples behind it: a Rate's passes + fails, a Trend's count (when the summary has them). */
  samples?: number;
  /** A Rate's true samples (e.g. the 429s of a "share of 429" metric). */
  hits?: number;
}

/** Every threshold of a run with its outcome (k6 writes `true` when a threshold was crossed). */
export function thresholdsOf(summary: K6Summary): ThresholdResult[] {
  const out: ThresholdResult[] = [];
  for (const [metric, data] of Object.entries(summary.metrics ?? {})) {
    for (const [expression, crossed] of Object.entries(data.thresholds ?? {})) {
      const { base, tags } = parseMetricName(metric);
      const stat = statOf(expression);
      const raw = data[stat === 'rate' ? 'value' : stat];
      const isRate = typeof data.passes === 'number' && typeof data.fails === 'number';
      const samples = isRate ? (data.passes as number) + (data.fails as number) : typeof data.count === 'number' ? data.count : undefined;
      out.push({
        metric,
        base,
        tags,
        expression,
        ok: crossed !== true,
        stat,
        ...(typeof raw === 'number' && samples !== 0 ? { value: raw } : {}),
        ...(samples !== undefined ? { samples } : {}),
        ...(isRate ? { hits: data.passes as number } : {}),
      });
    }
  }
  return out.sort((a, b) => a.metric.localeCompare(b.metric) || a.expression.localeCompare(b.expression));
}

/** `name{tag:value,...}` -> parts. Tag values may hold braces (`GET /pets/{petId}`): the tag list ends at the last brace. */
export function parseMetricName(metric: string): { base: string; tags: Record<string, string> } {
  const open = metric.indexOf('{');
  if (open < 0 || !metric.endsWith('}')) return { base: metric, tags: {} };
  const tags: Record<string, string> = {};
  for (const pair of metric.slice(open + 1, -1).split(/,(?=[\w.-]+:)/)) {
    const colon = pair.indexOf(':');
    if (colon > 0) tags[pair.slice(0, colon).trim()] = pair.slice(colon + 1).trim();
  }
  return { base: metric.slice(0, open), tags };
}

/** The aggregate an expression reads: `p(95)<150` -> p(95), `rate==0` -> rate, `avg<200` -> avg. */
export const statOf = (expression: string): string => /^\s*([a-z]+(?:\(\d+(?:\.\d+)?\))?)/.exec(expression)?.[1] ?? 'value';
