import type { GateWarning } from '../domain/result.ts';

/** Where a warning comes from, as a reader places it: "spec GET /pets", "[dev] route.unknown GET /x". Pure. */
export function warningOrigin(w: GateWarning): string {
  const parts =
    w.source === 'check' ? [w.stage ? `[${w.stage}]` : '', w.kind ?? '', w.operation ?? ''] : [w.source, w.stage ? `[${w.stage}]` : '', w.operation ?? ''];
  return parts.filter(Boolean).join(' ');
}

/** One line: origin, then the message. */
export const warningLine = (w: GateWarning): string => `${warningOrigin(w)}: ${w.message}`.replace(/\s*\n\s*/g, ' ');
