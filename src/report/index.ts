/** The report module's API, for the commands and parts that write and publish runs. */
export { buildReport, writeReportFiles, reportPaths, REPORT_FILES, type BuildReportOptions } from './build.ts';
export { formatConsoleSummary, type ConsoleSummaryOptions } from './console.ts';
export { createProgress, type Progress, type ProgressStream } from './progress.ts';
export { publishToGithub, githubAnnotations } from './github.ts';
export { exitCodeOf } from './exit-code.ts';
export { findRunDir, resolveReportsDir, listRuns } from './locate.ts';
export { mergeParts, verdictOf } from './merge.ts';
export { newRunId, runDir, writePart, pointLatest } from './run-dir.ts';
export { useColor } from './color.ts';
export type * from './types.ts';
export { readPartsSafely } from './read-parts.ts';
