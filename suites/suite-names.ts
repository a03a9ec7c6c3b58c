import { CHECK_KINDS, type CheckKind } from '../src/domain/kinds.ts';

/** Names shared by the suite's test file, fixtures and reporter. */

/** Test annotation carrying the plan check id. */
export const CHECK_ANNOTATION = 'gateproof.check';
/** Annotation of a custom test that --only left out (it is not part of the run's results). */
export const DESELECTED_ANNOTATION = 'gateproof.deselected';
/** Runtime test annotation carrying the check's CheckResult (JSON, redacted); unlike an attachment it needs no output folder. */
export const RESULT_ANNOTATION = 'gateproof.result';

export const stageTag = (stage: string): string => `@stage:${stage}`;

/** The Playwright project running the team's own checks on a stage (the planned checks' project is named like the stage). */
export const checksProjectName = (stage: string): string => `${stage} · team checks`;

/** Matches tests tagged for `stage` (tags are joined into the grep title with spaces). */
export const stageTagPattern = (stage: string): RegExp => new RegExp(`(^|\\s)${stageTag(stage).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`);

/** The kind a custom test counts as: its first tag naming a check kind, else route.mapped. */
export function customKind(tags: readonly string[]): CheckKind {
  const named = tags.map((t) => t.replace(/^@/, '')).find((t): t is CheckKind => (CHECK_KINDS as readonly string[]).includes(t));
  return named ?? 'route.mapped';
}
