import { formatSeconds } from './duration.ts';
import type { K6RunResult } from './k6-run.ts';
import type { ThresholdResult } from './summary.ts';

/** k6's exit codes worth naming in an error (go.k6.io/k6/v2 errext/exitcodes). 99 = thresholds crossed. */
const K6_EXIT: Record<number, string> = {
  100: 'setup() timed out',
  101: 'teardown() timed out',
  102: 'timed out',
  104: 'invalid options',
  105: 'aborted by a signal',
  106: 'cannot start its REST API',
  107: 'the scenario threw an exception',
  108: 'the scenario aborted the test',
  109: 'Go panic',
  110: 'marked as failed',
};

export const THRESHOLDS_CROSSED = 99;

/** The last lines of k6's output, on one line. */
export const tail = (output: string): string => output.trim().split('\n').slice(-6).join(' | ').slice(-800);

/**
 * The errors of a k6 run (pure): none when it exited 0, or 99 with crossed thresholds in its summary (those
 * are failed checks: the gate fails). Anything else is k6 not doing its job, an error of the part saying why,
 * prefixed TOOL_FAILED (the run's verdict is then "error").
 */
export function k6Errors(
  scenario: string,
  result: Pick<K6RunResult, 'exitCode' | 'timedOut' | 'output'>,
  summary: { found: boolean; thresholds: readonly ThresholdResult[] },
  limitS: number,
): string[] {
  if (result.timedOut) return [`TOOL_FAILED: k6 ${scenario} did not finish within ${formatSeconds(limitS)} and was stopped`];
  if (result.exitCode !== 0 && result.exitCode !== THRESHOLDS_CROSSED) {
    const meaning = K6_EXIT[result.exitCode];
    return [`TOOL_FAILED: k6 ${scenario} failed (exit ${result.exitCode}${meaning ? `, ${meaning}` : ''}): ${tail(result.output)}`];
  }
  if (!summary.found) return [`TOOL_FAILED: k6 ${scenario} wrote no summary`];
  if (result.exitCode === THRESHOLDS_CROSSED && summary.thresholds.every((t) => t.ok)) {
    return [`TOOL_FAILED: k6 ${scenario} reported crossed thresholds (exit 99) but its summary shows none`];
  }
  return [];
}
