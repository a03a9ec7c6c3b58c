import { redact } from '../secrets/redact.ts';
import { useColor, paint } from './color.ts';
import { emptyCounts, type Counts } from './matrix.ts';
import type { CheckResult } from '../domain/result.ts';

export interface Progress {
  /** One short line per finished check: running counts, status, stage, kind, operation. */
  onResult(result: CheckResult): void;
  /** A plain note line (a part starting, a tool being built). */
  note(message: string): void;
  readonly counts: Readonly<Counts>;
}

export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

const MARK = { passed: '✓', failed: '✗', skipped: '-' } as const;

/**
 * Progress while running: plain appended lines (no cursor movement, so CI logs and pipes stay readable),
 * coloured only on a TTY without NO_COLOR/CI.
 */
export function createProgress(stream: ProgressStream = process.stderr, env: NodeJS.ProcessEnv = process.env): Progress {
  const p = paint(useColor(stream, env));
  const counts = emptyCounts();
  const total = (): string => `${counts.passed + counts.failed + counts.skipped}`.padStart(4);
  return {
    counts,
    onResult(result) {
      counts[result.status] += 1;
      const mark = result.status === 'failed' ? p.red(MARK.failed) : result.status === 'passed' ? p.green(MARK.passed) : p.dim(MARK.skipped);
      const tally = p.dim(`[${total()} | ${counts.passed} ok ${counts.failed} failed ${counts.skipped} skipped]`);
      const tail = result.status === 'failed' ? `  ${p.red(`expected ${oneLine(result.expected)}, got ${oneLine(result.actual)}`)}` : '';
      stream.write(redact(`${mark} ${result.stage.padEnd(6)} ${result.kind.padEnd(22)} ${result.operation}${tail}  ${tally}\n`));
    },
    note(message) {
      stream.write(redact(`${p.dim('·')} ${message}\n`));
    },
  };
}

const oneLine = (s: string): string => (s.length > 120 ? `${s.slice(0, 120)}…` : s).replace(/\s*\n\s*/g, ' ');
